// `--format github` (workflow commands) and `--format csv` (RFC 4180, formula-injection safe).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvOutput, csvRow } from '../../server/src/cli/csv';
import { escapeData, escapeProperty, githubAnnotation } from '../../server/src/cli/github';
import type { Finding } from '../../server/src/core/types';
import { buildBundles } from '../helpers/build';
import { REPO } from '../helpers/tmp';

const CLI = path.join(REPO, 'out', 'cli.js');
const EXAMPLES = path.join(REPO, 'examples');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'broken-link', severity: 'error', file: 'content/post.md', message: 'Broken link: no page is served at /x.',
  range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } }, ...over,
});

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** Undoes the workflow-command escaping, as the Actions runner does. */
const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

beforeAll(async () => {
  await buildBundles();
});

describe('github workflow commands', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // Escaping % first: an existing "%0A" in text survives as text, not as a newline.
    expect(unescape(escapeData('literal %0A here'))).toBe('literal %0A here');
  });

  it('writes one command per finding with 1-based positions and the rule as title', () => {
    expect(githubAnnotation(finding())).toBe('::error file=content/post.md,line=3,col=5,endColumn=13,title=broken-link::Broken link: no page is served at /x.');
    expect(githubAnnotation(finding({ severity: 'warning' }), 'site/')).toMatch(/^::warning file=site\/content\/post\.md,/);
    expect(githubAnnotation(finding({ severity: 'information' }))).toMatch(/^::notice /);
    expect(githubAnnotation(finding({ severity: 'hint' }))).toMatch(/^::notice /);
  });

  it('gives columns only for single-line ranges', () => {
    const multi = githubAnnotation(finding({ range: { start: { line: 2, character: 4 }, end: { line: 5, character: 1 } } }));
    expect(multi).toBe('::error file=content/post.md,line=3,endLine=6,title=broken-link::Broken link: no page is served at /x.');
  });

  it('keeps hostile file names and messages inside their fields', () => {
    const a = githubAnnotation(finding({ file: 'content/a,b:c.md', message: 'Line one\nline two: 50%, done\r' }));
    const m = /^::error (.*?)::(.*)$/.exec(a)!;
    expect(m).not.toBeNull();
    expect(a).not.toMatch(/[\r\n]/);
    const props = Object.fromEntries(m[1]!.split(',').map((p) => p.split('=')).map(([k, v]) => [k, unescape(v!)]));
    expect(props).toEqual({ file: 'content/a,b:c.md', line: '3', col: '5', endColumn: '13', title: 'broken-link' });
    expect(unescape(m[2]!)).toBe('Line one\nline two: 50%, done\r');
  });

  it('prints commands for the example site with paths relative to the working directory', () => {
    const r = run(['check', 'examples', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const json = JSON.parse(run(['check', 'examples', '--format', 'json', '--fail-on', 'never']).stdout) as { diagnostics: { file: string; severity: string }[] };
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(json.diagnostics.length);
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(json.diagnostics.filter((d) => d.severity === 'error').length);
    for (const l of lines.filter((x) => x.startsWith('::'))) expect(l).toMatch(/^::(error|warning|notice) file=examples\/content\/[^,]+,line=\d+,/);
    expect(lines.at(-1)).toMatch(/^pillarlink: \d+ pages checked: \d+ errors, \d+ warnings, \d+ notices\.$/);
    // Run from inside the site, paths need no prefix.
    const inside = run(['check', '.', '--format', 'github', '--fail-on', 'never'], EXAMPLES);
    expect(inside.stdout).toMatch(/^::\w+ file=content\//);
  });
});

describe('csv', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
    expect(csvRow(['a', 1, 'b,c'])).toBe('a,1,"b,c"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a header and one CRLF row per finding', () => {
    const text = csvOutput([finding(), finding({ file: '=cmd|calc.md', message: 'He said "no", then left.\nOK' })]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['rule', 'severity', 'file', 'line', 'column', 'message'],
      ['broken-link', 'error', 'content/post.md', '3', '5', 'Broken link: no page is served at /x.'],
      ['broken-link', 'error', "'=cmd|calc.md", '3', '5', 'He said "no", then left.\nOK'],
    ]);
  });

  it('round-trips the example site findings', () => {
    const r = run(['check', EXAMPLES, '--format', 'csv', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    const json = JSON.parse(run(['check', EXAMPLES, '--format', 'json', '--fail-on', 'never']).stdout) as { diagnostics: { rule: string; severity: string; file: string; range: { start: { line: number; character: number } }; message: string }[] };
    expect(rows[0]).toEqual(['rule', 'severity', 'file', 'line', 'column', 'message']);
    expect(rows.slice(1)).toEqual(json.diagnostics.map((d) => [d.rule, d.severity, d.file, String(d.range.start.line + 1), String(d.range.start.character + 1), /^[=+\-@\t\r]/.test(d.message) ? `'${d.message}` : d.message]));
  });
});
