#!/usr/bin/env node
// Link-insertion recall on real links: for a random sample of in-body links of each corpus, the link is
// removed (its text kept) and the generator is asked for anchors to the link's destination, on the whole
// site's model (its real intent, IDF and link style). An item counts when the generator's first anchor (or
// one of three) is the author's own anchor: equal ignoring case, or holding 80 % of its words. One
// acceptable phrase per item (the author's), so the rates are lower than on the labelled sets
// (test/data/); the sample is large, so it tells whether a change helps or hurts in general.
//
//   node scripts/anchor-recall.mjs [--corpora DIR] [--only a,b] [--per 250] [--seed 1] [--misses N]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCore } from './core-bundle.mjs';

const { values } = parseArgs({ options: { corpora: { type: 'string' }, only: { type: 'string' }, per: { type: 'string' }, seed: { type: 'string' }, misses: { type: 'string' } } });
const CORPORA = values.corpora ?? process.env.PILLARLINK_CORPORA ?? path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpora');
const PER = Number(values.per ?? 250);
const SEED = Number(values.seed ?? 1);
const MISSES = Number(values.misses ?? 0);
const names = values.only ? values.only.split(',') : fs.readdirSync(CORPORA).filter((n) => fs.statSync(path.join(CORPORA, n)).isDirectory()).sort();

const core = await loadCore(`
export { Project } from './server/src/core/project';
export { NodeWorkspace } from './server/src/node/fsWorkspace';
export { linkInsertions } from './server/src/core/fixes/linkInsertion';
`);

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 0x100000000; };
}
const words = (s) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
/** As test/calibration/linkInsertion.test.ts: equal ignoring case, or covering 80 % of the phrase's words. */
function acceptable(anchor, phrase) {
  if (anchor.trim().toLowerCase() === phrase.trim().toLowerCase()) return true;
  const a = words(anchor);
  const w = words(phrase);
  return w.length > 0 && w.filter((x) => a.includes(x)).length / w.length >= 0.8;
}
/** The paragraph around `at`: between blank lines. */
function paragraphAt(text, at) {
  const start = text.lastIndexOf('\n\n', at);
  const end = text.indexOf('\n\n', at);
  return { start: start < 0 ? 0 : start + 2, end: end < 0 ? text.length : end };
}

const totals = { n: 0, top1: 0, top3: 0 };
for (const name of names) {
  const root = path.join(CORPORA, name);
  const project = new core.Project(new core.NodeWorkspace(root), {});
  await project.load();
  const model = project.model();
  const pool = [];
  const sources = new Map();
  const sourceOf = (file) => {
    if (!sources.has(file)) sources.set(file, fs.readFileSync(path.join(root, file), 'utf8'));
    return sources.get(file);
  };
  for (const [file, links] of model.outbound) {
    if (!model.pages.has(file) || model.isUnindexed(file)) continue;
    for (const l of links) {
      const { link, res } = l;
      if (link.image || link.kind !== 'inline' || res.kind !== 'page' || res.file === file || link.placement !== 'content' || !link.textSpan) continue;
      const anchor = link.text.trim();
      const n = words(anchor).length;
      if (n < 1 || n > 6 || !/^[\p{L}\p{N}][\p{L}\p{N} ,.'’-]*$/u.test(anchor) || /^https?:|\.(?:com|org|io|dev)\b/i.test(anchor)) continue;
      // The generator never links a sentence that holds another link: keep paragraphs with this link alone.
      const para = paragraphAt(sourceOf(file), link.span.start);
      if (links.some((o) => o !== l && o.link.span.start >= para.start && o.link.span.start < para.end)) continue;
      pool.push({ file, target: res.file, span: link.span, textSpan: link.textSpan, anchor });
    }
  }
  pool.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  const rand = rng(SEED);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const seenFiles = new Set();
  const items = [];
  for (const it of pool) {
    if (items.length >= PER) break;
    if (seenFiles.has(it.file)) continue;
    seenFiles.add(it.file);
    items.push(it);
  }
  let top1 = 0;
  let top3 = 0;
  const missed = [];
  for (const it of items) {
    const text = sourceOf(it.file);
    const edited = text.slice(0, it.span.start) + text.slice(it.textSpan.start, it.textSpan.end) + text.slice(it.span.end);
    const got = core.linkInsertions(model, it.file, edited, it.target, 3).candidates.map((c) => c.anchor);
    const ok1 = got[0] !== undefined && acceptable(got[0], it.anchor);
    const ok3 = got.some((g) => acceptable(g, it.anchor));
    if (ok1) top1++;
    if (ok3) top3++;
    if (!ok3 && missed.length < MISSES) missed.push(`  ${it.file} → ${it.target}: "${it.anchor}" got ${JSON.stringify(got)}`);
  }
  totals.n += items.length;
  totals.top1 += top1;
  totals.top3 += top3;
  const pct = (k) => `${k}/${items.length} = ${((100 * k) / Math.max(1, items.length)).toFixed(1)} %`;
  console.log(`${name}: ${pool.length} links in the pool, ${items.length} sampled; top-1 ${pct(top1)}, top-3 ${pct(top3)}`);
  for (const m of missed) console.log(m);
}
const pct = (k) => `${k}/${totals.n} = ${((100 * k) / Math.max(1, totals.n)).toFixed(1)} %`;
console.log(`all: top-1 ${pct(totals.top1)}, top-3 ${pct(totals.top3)}`);
