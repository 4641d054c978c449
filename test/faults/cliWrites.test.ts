// `pillarlink fix` writes: every page is replaced atomically (written to a temporary file, then
// renamed over the page), and the fix lands where the analysis found it whatever the encoding.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { removeDir, tempWorkspace } from '../helpers/tmp';

const writes: { fn: string; target: string }[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const wrapped: Record<string, unknown> = { ...real };
  for (const fn of ['writeFileSync', 'renameSync', 'appendFileSync', 'openSync'] as const) {
    const orig = real[fn] as (...a: unknown[]) => unknown;
    wrapped[fn] = (...args: unknown[]) => {
      writes.push({ fn, target: String(fn === 'renameSync' ? args[1] : args[0]) });
      return orig(...args);
    };
  }
  return { ...wrapped, default: wrapped };
});

const { runFix } = await import('../../server/src/cli/fix');
const { Project } = await import('../../server/src/core/project');
const { NodeWorkspace, decodeText } = await import('../../server/src/node/fsWorkspace');

const PAGE = '# Guide\n\n## Installation\n\nSee [setup](#instalation) first. 😀 中文\n';
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => { const b = Buffer.from(s, 'utf16le'); b.swap16(); return Buffer.concat([Buffer.from([0xfe, 0xff]), b]); };

const root = tempWorkspace({
  'content/index.md': '# Home\n\n[UTF-8](/utf8/) [LE](/le/) [BE](/be/) [BOM](/bom/)\n',
  'content/utf8.md': PAGE,
  'content/bom.md': `\uFEFF${PAGE}`,
  'content/le.md': utf16le(PAGE),
  'content/be.md': utf16be(PAGE),
});
afterAll(() => removeDir(root));

describe('pillarlink fix writes', () => {
  it('are atomic and keep each file\'s encoding, with the fix in the right place', async () => {
    const project = new Project(new NodeWorkspace(root));
    await project.load();
    expect(project.analyze().findings.filter((f) => f.rule === 'broken-fragment').map((f) => f.file).sort()).toEqual(['content/be.md', 'content/bom.md', 'content/le.md', 'content/utf8.md']);
    writes.length = 0;
    let out = '';
    await runFix(project, { rules: ['broken-fragment'], dryRun: false, format: 'text' }, (s) => { out += s; });
    const pages = ['utf8', 'bom', 'le', 'be'].map((n) => path.join(root, 'content', `${n}.md`));
    // No page is ever written in place: only renamed onto.
    expect(writes.filter((w) => pages.includes(w.target) && w.fn !== 'renameSync'), out).toEqual([]);
    expect(writes.filter((w) => w.fn === 'renameSync').map((w) => w.target).sort()).toEqual([...pages].sort());
    const expected = PAGE.replace('#instalation', '#installation');
    for (const p of pages) {
      const buf = fs.readFileSync(p);
      expect(decodeText(buf).replace(/^\uFEFF/, ''), p).toBe(expected);
    }
    // Encodings and byte-order marks are kept.
    expect([...fs.readFileSync(pages[2]!).subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...fs.readFileSync(pages[3]!).subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(fs.readFileSync(pages[1]!, 'utf8').startsWith('\uFEFF')).toBe(true);
    // No temporary file is left behind.
    expect(fs.readdirSync(path.join(root, 'content')).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
