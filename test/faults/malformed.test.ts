// One bad file never takes the server down: a workspace full of malformed pages, served over
// stdio by a server running with `--unhandled-rejections=strict`. Each bad page gets a positioned
// diagnostic or a logged skip; the healthy pages are still analysed; nothing is logged as uncaught.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../server/src/node/fsWorkspace';
import { computeLineStarts, stripBom } from '../../server/src/core/positions';
import { buildBundles } from '../helpers/build';
import { LspClient, type Diagnostic } from '../helpers/lspClient';
import { removeDir, tempWorkspace } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';

const N = 10_000;
const billionLaughs = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), '---', '', '# Laughs', ''].join('\n');

const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

export const MALFORMED: Record<string, string | Buffer> = {
  'content/index.md': '# Home\n\nSee [the good page](/good/) and [a missing one](/missing/).\n',
  'content/good.md': '# Good\n\nBack [home](/) and [nowhere](/nowhere/).\n',
  'content/bad-yaml.md': '---\ntitle: [unclosed\nrole: : :\n---\n\n# Bad YAML\n',
  'content/alias-bomb.md': billionLaughs,
  'content/conflict.md': '# Conflict\n\n<<<<<<< HEAD\nSee [a](/a/).\n=======\nSee [b](/b/).\n>>>>>>> feature\n',
  'content/deep-quote.md': `# Deep\n\n${'>'.repeat(N)} [x](/x/)\n`,
  'content/deep-quote-lines.md': `# Deep lines\n\n${Array.from({ length: 300 }, (_, i) => `${'>'.repeat(i + 1)} q`).join('\n')}\n`,
  'content/deep-list.md': `# Deep list\n\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
  'content/deep-jsx.mdx': `# Deep JSX\n\n${'<Box>'.repeat(N)}x${'</Box>'.repeat(N)}\n`,
  'content/deep-emphasis.md': `# Emphasis\n\n${'*'.repeat(N)}x${'*'.repeat(N)}\n`,
  'content/mdx-throws.mdx': '# Throws\n\n<Foo bar={1 +}>\n\n{/* unclosed\n',
  'content/mdx-no-position.mdx': 'export const x = ;\n\n# Esm error\n',
  'content/long-line.md': `# Long\n\n${'[a](/b) '.repeat(200_000)}\n\nAfter the long line [home](/).\n`,
  'content/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  'content/invalid-utf8.md': Buffer.concat([Buffer.from('# Invalid \xc3'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from('\n\n[broken](/invalid-target/)\n')]),
  'content/utf16.md': utf16('# UTF-16 😀\n\n[broken](/utf16-target/)\n'),
  'content/bom.md': '\uFEFF# BOM\n\n[broken](/bom-target/)\n',
  'content/crlf.md': '# CRLF\r\n\r\n😀 [broken](/crlf-target/)\r\n',
  'content/lone-cr.md': '# Lone CR\r\r中文 [broken](/cr-target/)\r',
  'content/mixed.md': '# Mixed\r\n\n\r[broken](/mixed-target/)\r\n',
};

/** Problems with a diagnostic's range against the text the server analysed. */
function rangeProblems(text: string, d: Diagnostic): string[] {
  const starts = computeLineStarts(text);
  const lineLen = (l: number) => {
    let e = l + 1 < starts.length ? starts[l + 1]! : text.length;
    while (e > starts[l]! && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e - starts[l]!;
  };
  const out: string[] = [];
  for (const p of [d.range.start, d.range.end]) {
    if (p.line >= starts.length || p.character > lineLen(p.line)) out.push(`${d.code} at ${p.line}:${p.character} is outside the text`);
  }
  return out;
}

let root = '';
let client: LspClient;
beforeAll(async () => {
  await buildBundles();
  root = tempWorkspace(MALFORMED);
  client = LspClient.spawn(['--unhandled-rejections=strict']);
  await client.initialize(root);
}, 120_000);
afterAll(async () => {
  await client?.dispose();
  if (root) removeDir(root);
});

const logs = () => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);

describe('malformed pages', () => {
  it('the healthy pages are analysed and the server stays up', async () => {
    await client.waitForDiagnostics(client.uri(root, 'content/good.md'), (d) => d.some((x) => x.code === 'broken-link'), 'the broken link of the healthy page', 60_000);
    await client.waitForDiagnostics(client.uri(root, 'content/index.md'), (d) => d.some((x) => x.code === 'broken-link'), 'the broken link of the home page');
    expect(client.exited).toBe(false);
    // A request still gets its answer.
    const clusters = await client.request<{ folders: unknown[] }>('pillarlink/clusters', {});
    expect(clusters.folders).toHaveLength(1);
  });

  it.each([
    ['content/bad-yaml.md', 'frontmatter-error'],
    ['content/alias-bomb.md', 'frontmatter-error'],
    ['content/deep-quote.md', 'parse-error'],
    ['content/deep-quote-lines.md', 'parse-error'],
    ['content/deep-list.md', 'parse-error'],
    ['content/deep-jsx.mdx', 'parse-error'],
    ['content/deep-emphasis.md', 'parse-error'],
    ['content/mdx-throws.mdx', 'parse-error'],
    ['content/mdx-no-position.mdx', 'parse-error'],
    ['content/long-line.md', 'parse-error'],
  ])('%s gets a positioned %s', async (file, rule) => {
    const d = await client.waitForDiagnostics(client.uri(root, file), (ds) => ds.some((x) => x.code === rule), `${rule} on ${file}`);
    const text = stripBom(decodeText(fs.readFileSync(path.join(root, file))));
    for (const x of d) expect(rangeProblems(text, x)).toEqual([]);
    expect(d.find((x) => x.code === rule)!.message.length).toBeGreaterThan(10);
  });

  it('the alias bomb is capped, not expanded', async () => {
    const d = await client.waitForDiagnostics(client.uri(root, 'content/alias-bomb.md'), (ds) => ds.some((x) => x.code === 'frontmatter-error'), 'the alias bomb');
    expect(d.find((x) => x.code === 'frontmatter-error')!.message).toMatch(/alias/i);
  });

  it('the page after a megabyte line is still analysed', async () => {
    const d = await client.waitForDiagnostics(client.uri(root, 'content/long-line.md'), (ds) => ds.some((x) => x.code === 'parse-error'), 'the long line');
    expect(d.find((x) => x.code === 'parse-error')!.range.start.line).toBe(2);
  });

  it('a binary .md file is skipped and logged', async () => {
    await waitFor(() => logs().some((m) => m.includes('binary.md') && /NUL/.test(m)), 'a log line about binary.md');
    expect(client.diagnostics.get(client.uri(root, 'content/binary.md')) ?? []).toEqual([]);
  });

  it.each([
    ['content/invalid-utf8.md', '/invalid-target/'],
    ['content/utf16.md', '/utf16-target/'],
    ['content/bom.md', '/bom-target/'],
    ['content/crlf.md', '/crlf-target/'],
    ['content/lone-cr.md', '/cr-target/'],
    ['content/mixed.md', '/mixed-target/'],
  ])('%s: the broken link is found at its exact UTF-16 position', async (file, target) => {
    const d = await client.waitForDiagnostics(client.uri(root, file), (ds) => ds.some((x) => x.code === 'broken-link'), `broken-link on ${file}`);
    const text = stripBom(decodeText(fs.readFileSync(path.join(root, file))));
    const starts = computeLineStarts(text);
    const at = d.find((x) => x.code === 'broken-link')!.range.start;
    const offset = starts[at.line]! + at.character;
    // The finding sits on the link or on its URL.
    expect([text.indexOf('[broken]'), text.indexOf(target)]).toContain(offset);
    for (const x of d) expect(rangeProblems(text, x)).toEqual([]);
  });

  it('nothing was uncaught or rejected unhandled, and the server is still running', () => {
    const bad = [...logs(), client.stderr].filter((m) => /Uncaught|Unhandled rejection|UnhandledPromiseRejection/.test(m));
    expect(bad).toEqual([]);
    expect(client.exited).toBe(false);
  });
});
