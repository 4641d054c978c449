// Evaluation of the link-insertion candidate generator on real paragraphs: each item is a tiny site
// (one target page, one support page whose body is the paragraph); the generator's top-1 and top-3
// anchors are compared with the phrases a human chose or accepts. Five sets:
// - test/data/link-insertion-eval.json: the development set (42 items; six got extra phrases after
//   their author saw the generator's output, so it flatters the generator a little);
// - test/data/link-insertion-eval-blind.json: the first blind set (25 items sampled at random, phrases
//   written before the generator ever ran on them; "seen" since: the generator was improved while
//   its misses were visible);
// - test/data/link-insertion-eval-blind2.json: the second blind set (30 items, same method, other
//   sources and targets; seen since);
// - test/data/link-insertion-eval-blind3.json: the third blind set (30 items, same method, no page of the
//   earlier sets; seen since);
// - test/data/link-insertion-eval-blind4.json: the fourth blind set (30 items, MDN and Astro only, no page
//   of the earlier sets), the measure of generalisation. Never tune the generator to any of them.
// `PILLARLINK_EVAL_VERBOSE=1 npx vitest run test/calibration/linkInsertion.test.ts` prints every item.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkInsertions } from '../../server/src/core/fixes/linkInsertion';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

interface EvalItem {
  id: string;
  paragraph: string;
  target: { title: string; slug: string; url: string; keywords: string[]; headings: string[]; description?: string; lead?: string };
  acceptable: string[];
}

const DATA = path.join(__dirname, '..', 'data');

// The counts documented in docs/code-actions.md; the measured counts must not fall below them. The
// goals (top-1 >= 80 %, top-3 >= 95 %) are asserted only where they are met: top-1 on the development and fourth blind sets.
const SETS = [
  { name: 'development', file: 'link-insertion-eval.json', documented: { top1: 38, top3: 39 }, goalTop1: true },
  { name: 'blind', file: 'link-insertion-eval-blind.json', documented: { top1: 20, top3: 21 }, goalTop1: false },
  { name: 'second blind', file: 'link-insertion-eval-blind2.json', documented: { top1: 23, top3: 24 }, goalTop1: false },
  { name: 'third blind', file: 'link-insertion-eval-blind3.json', documented: { top1: 22, top3: 25 }, goalTop1: false },
  { name: 'fourth blind', file: 'link-insertion-eval-blind4.json', documented: { top1: 27, top3: 27 }, goalTop1: true },
];
const GOAL_TOP1 = 0.8;

const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as EvalItem[];

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Equal ignoring case, or covering at least 80% of the words of the acceptable phrase. */
export function acceptable(anchor: string, phrases: readonly string[]): boolean {
  const a = words(anchor);
  return phrases.some((p) => {
    if (anchor.trim().toLowerCase() === p.trim().toLowerCase()) return true;
    const w = words(p);
    const hit = w.filter((x) => a.includes(x)).length;
    return w.length > 0 && hit / w.length >= 0.8;
  });
}

const yaml = (s: string) => JSON.stringify(s);

async function candidatesFor(item: EvalItem): Promise<{ anchor: string; start: number; end: number }[]> {
  const dir = item.target.url.replace(/^\/+|\/+$/g, '') || 'home';
  const targetFile = `content/${dir}/index.md`;
  const supportFile = 'content/eval-support/page.md';
  const target = [
    '---',
    `title: ${yaml(item.target.title)}`,
    ...(item.target.description ? [`description: ${yaml(item.target.description)}`] : []),
    `keywords: [${item.target.keywords.map(yaml).join(', ')}]`,
    'cluster: eval',
    'role: target',
    '---',
    '',
    ...(item.target.lead ? [item.target.lead, ''] : []),
    ...item.target.headings.flatMap((h) => [`## ${h}`, '', 'Text.', '']),
  ].join('\n');
  const support = ['---', 'title: Support page', 'cluster: eval', 'role: support', '---', '', item.paragraph, ''].join('\n');
  const project = new Project(new InMemoryWorkspace('/eval', { [targetFile]: target, [supportFile]: support }));
  await project.load();
  const model = project.model();
  return linkInsertions(model, supportFile, support, targetFile).candidates.map((c) => ({ anchor: c.anchor, start: c.edit.span.start, end: c.edit.span.end }));
}

describe('link insertion evaluation', () => {
  for (const set of SETS) {
    it(`keeps the documented top-1 and top-3 rates on the ${set.name} set`, async () => {
      const items = load(set.file);
      expect(items.length).toBeGreaterThan(0);
      let top1 = 0;
      let top3 = 0;
      const lines: string[] = [];
      for (const item of items) {
        const c = (await candidatesFor(item)).map((x) => x.anchor);
        const ok1 = c[0] !== undefined && acceptable(c[0], item.acceptable);
        const ok3 = c.slice(0, 3).some((a) => acceptable(a, item.acceptable));
        if (ok1) top1++;
        if (ok3) top3++;
        lines.push(`${item.id} ${ok1 ? '1' : ok3 ? '3' : '-'} ${JSON.stringify(c)} want ${JSON.stringify(item.acceptable)}`);
      }
      const r1 = top1 / items.length;
      const r3 = top3 / items.length;
      if (process.env.PILLARLINK_EVAL_VERBOSE) console.log(`${set.name} set\n${lines.join('\n')}\ntop-1 ${top1}/${items.length} = ${(r1 * 100).toFixed(1)}%, top-3 ${top3}/${items.length} = ${(r3 * 100).toFixed(1)}%`);
      expect(top1, `top-1 ${top1}/${items.length} fell below the documented ${set.documented.top1}`).toBeGreaterThanOrEqual(set.documented.top1);
      expect(top3, `top-3 ${top3}/${items.length} fell below the documented ${set.documented.top3}`).toBeGreaterThanOrEqual(set.documented.top3);
      if (set.goalTop1) expect(r1, 'top-1 goal').toBeGreaterThanOrEqual(GOAL_TOP1);
    });
  }

  it('offers distinct choices: no two candidates overlap or repeat', async () => {
    for (const set of SETS) {
      for (const item of load(set.file)) {
        const c = await candidatesFor(item);
        for (let i = 0; i < c.length; i++) {
          for (let j = 0; j < i; j++) {
            expect(c[i]!.start >= c[j]!.end || c[j]!.start >= c[i]!.end, `${item.id}: "${c[j]!.anchor}" and "${c[i]!.anchor}" overlap`).toBe(true);
            expect(c[i]!.anchor.toLowerCase(), item.id).not.toBe(c[j]!.anchor.toLowerCase());
          }
        }
      }
    }
  });

  it('keeps the blind set well-formed: every acceptable phrase is written in its paragraph', () => {
    const items = load('link-insertion-eval-blind.json');
    expect(items.length).toBeGreaterThanOrEqual(20);
    for (const item of items) for (const p of item.acceptable) expect(item.paragraph, item.id).toContain(p);
  });

  it('judges anchors by words, not by case', () => {
    expect(acceptable('Invoice Generator', ['invoice generator'])).toBe(true);
    expect(acceptable('free invoice generator', ['invoice generator'])).toBe(true);
    expect(acceptable('invoice', ['invoice generator'])).toBe(false);
  });
});
