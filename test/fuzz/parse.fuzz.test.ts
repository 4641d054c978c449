// Property tests: random and mutated Markdown/MDX through parse → extract → resolve → rules →
// fixes. Nothing may throw, every span and range must lie inside the document, offsets must
// survive the UTF-16 position round trip, and fixes must apply cleanly to the text they came from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/core/fixes/apply';
import { fixAll, fixesForFinding } from '../../server/src/core/fixes';
import { Project } from '../../server/src/core/project';
import { stripBom } from '../../server/src/core/positions';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { checkPage, loadSeeds, markdownArb, mutatedSeedArb, spanProblems } from './support';

const seeds = loadSeeds();
/** Documents per property; FUZZ_RUNS raises it for a long run (RELIABILITY.md). */
/** Long runs get a time limit that grows with them. */
const timeout = () => Math.max(60_000, RUNS * 400);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

const NEIGHBOURS = {
  'pillarlink.json': '{ "clusters": [{ "id": "c", "name": "C", "target": "content/target.md" }] }',
  'content/index.md': '# Home\n\n[Target](/target/) and [page](/page/) and [mdx](/mdxpage/).\n',
  'content/target.md': '---\ncluster: c\nrole: target\nkeywords: [target words]\n---\n# Target words\n\nThe [page](/page/).\n',
};

/** Analyses `doc` as content/page.md and content/mdxpage.mdx in a small site; returns the violations. */
async function violations(doc: string): Promise<string[]> {
  const ws = new InMemoryWorkspace('/ws', { ...NEIGHBOURS, 'content/page.md': doc, 'content/mdxpage.mdx': doc });
  const project = new Project(ws);
  await project.load();
  const { findings, failures } = project.analyze();
  const out = failures.map((f) => `rule ${f.rule} threw: ${f.error.split('\n')[0]}`);
  const text = stripBom(doc);
  for (const file of ['content/page.md', 'content/mdxpage.mdx']) {
    const page = project.pages.get(file);
    // A page with NUL bytes is skipped (and logged) by design; nothing else may vanish.
    if (!page) {
      if (!doc.includes('\u0000')) out.push(`${file} was not parsed`);
      continue;
    }
    const mine = findings.filter((f) => f.file === file);
    out.push(...checkPage(text, page, mine).map((v) => `${file}: ${v}`));
    const ctx = { model: project.model(), textOf: (f: string) => (f === file ? text : ws.files.get(f)) };
    for (const f of mine) {
      for (const fix of fixesForFinding(ctx, file, { rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) })) {
        for (const e of fix.edits.filter((x) => x.file === file)) out.push(...spanProblems(text, e.span, `fix "${fix.title}"`));
        try {
          applyEdits(text, fix.edits, file);
        } catch (e) {
          out.push(`fix "${fix.title}" does not apply: ${String(e)}`);
        }
      }
    }
    const all = fixAll(ctx, file, mine.map((f) => ({ rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) })));
    if (all) applyEdits(text, all.fix.edits, file);
  }
  return out;
}

describe('fuzzed documents never break the analysis', () => {
  it(`random Markdown/MDX from fragments and seed slices (${RUNS} documents)`, async () => {
    await fc.assert(fc.asyncProperty(markdownArb(seeds), async (doc) => {
      expect(await violations(doc)).toEqual([]);
    }), { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) });
  }, timeout());

  it(`mutated real pages (${RUNS} documents)`, async () => {
    await fc.assert(fc.asyncProperty(mutatedSeedArb(seeds), async (doc) => {
      expect(await violations(doc)).toEqual([]);
    }), { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) + 1 });
  }, timeout());

  it('positions are exact UTF-16 code units after emoji, ZWJ sequences, combining marks and CJK', async () => {
    const prefix = '😀 👩‍👩‍👧‍👦 e\u0301 中文字 ';
    for (const eol of ['\n', '\r\n', '\r']) {
      const doc = `# Title${eol}${eol}${prefix}[broken](/nowhere/)${eol}`;
      const ws = new InMemoryWorkspace('/ws', { 'content/page.md': doc });
      const project = new Project(ws);
      await project.load();
      const broken = project.analyze().findings.find((f) => f.rule === 'broken-link');
      expect(broken, `broken-link finding with ${JSON.stringify(eol)} line ends`).toBeDefined();
      // The link (or its URL) starts after the prefix: counted in UTF-16 units, not code points or graphemes.
      const line = `${prefix}[broken](/nowhere/)`;
      expect(broken!.range.start.line).toBe(2);
      expect([line.indexOf('[broken]'), line.indexOf('/nowhere/')]).toContain(broken!.range.start.character);
      expect(prefix.length).toBe(22);
      expect(await violations(doc)).toEqual([]);
    }
  });
});
