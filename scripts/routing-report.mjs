#!/usr/bin/env node
// Routing figures on real content repositories (data only; nothing is copied into the repo).
//
//   node scripts/routing-report.mjs [corpus…] [--corpora DIR] [--sample 30] [--seed 1] [--json OUT]
//     [--broken-dir DIR] [--overlay corpus=DIR]… [--labels FILE] [--cache DIR]
//
// For each corpus: detected profile, pages, internal links (site-absolute and relative links, not
// fragment-only ones), resolved, unresolved, and a seeded random sample of unresolved links for the
// manual check recorded in docs/routing.md. --broken-dir writes one `file<TAB>line<TAB>url` line per
// broken link (for the remark-validate-links comparison, scripts/routing-diff.mjs).
//
// The corpora are copies of the content of real sites; they omit files the site serves (static/,
// public/, app code, configs). --overlay names a folder holding the upstream repository's files at
// the corpus' commit: the corpus is loaded again with those files added (the copy's own files win)
// and each unresolved link of the copy is resolved once more. One that resolves there is counted as
// "target on the real site, missing from this copy"; the others are classified by --labels (a JSON
// list of { corpus, url: regex, image?: boolean, class: "real-break" | "missing-from-copy" |
// "resolver-miss", evidence }), first match wins, and the rest are "unclassified". --cache keeps parsed facts
// between runs (a folder).
import { loadCore } from './core-bundle.mjs';
import { writeFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpora: { type: 'string' }, sample: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, json: { type: 'string' }, 'broken-dir': { type: 'string' },
    overlay: { type: 'string', multiple: true, default: [] }, labels: { type: 'string' }, cache: { type: 'string' },
  },
});
const overlays = new Map(values.overlay.map((o) => { const i = o.indexOf('='); return [o.slice(0, i), resolve(o.slice(i + 1))]; }));
const labels = values.labels ? JSON.parse(readFileSync(values.labels, 'utf8')) : [];
const corporaDir = values.corpora ?? process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora';
const names = positionals.length > 0 ? positionals : ['astro-docs', 'docusaurus-website', 'nodejs-org', 'mdn-content'];

// A small entry bundled from the TypeScript sources: the core and the Node workspace, nothing else.
const { Project, NodeWorkspace, NodeFactsCache, explainResolution } = await loadCore("export { Project } from './server/src/core/project'; export { NodeWorkspace } from './server/src/node/fsWorkspace'; export { NodeFactsCache } from './server/src/node/cache'; export { explainResolution } from './server/src/core/routing/resolver';");

/** The copy's files plus the overlay's files the copy lacks (the copy wins), read in place. */
class UnionWorkspace {
  constructor(copy, overlay) {
    this.copy = copy;
    this.overlay = overlay;
    this.root = copy.root;
    this.fromOverlay = new Set();
  }
  async listFiles() {
    const mine = await this.copy.listFiles();
    const have = new Set(mine.map((e) => e.path));
    const extra = (await this.overlay.listFiles()).filter((e) => !have.has(e.path));
    for (const e of extra) this.fromOverlay.add(e.path);
    return [...mine, ...extra];
  }
  async readFile(p) {
    return this.fromOverlay.has(p) ? this.overlay.readFile(p) : this.copy.readFile(p);
  }
}

/** Facts shared by the copy's run and the overlay's run (same texts parse once), optionally persisted. */
function sharedCache(name) {
  const disk = values.cache ? NodeFactsCache.forFolder(resolve(values.cache), join(corporaDir, name)) : undefined;
  const mem = new Map();
  return {
    async open(key) { await disk?.open(key); },
    get(file, text) { const m = mem.get(file); if (m && m.text === text) return m.facts; return disk?.get(file, text); },
    set(file, text, facts) { mem.set(file, { text, facts }); disk?.set(file, text, facts); },
    retain() {},
    async flush() { await disk?.flush(); },
  };
}

/** mulberry32: a seeded generator, so the sample in the doc can be drawn again. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const report = [];
for (const name of names) {
  const root = join(corporaDir, name);
  if (!existsSync(root)) {
    process.stderr.write(`skip ${name}: ${root} does not exist\n`);
    continue;
  }
  const t0 = performance.now();
  const factsCache = sharedCache(name);
  const project = new Project(new NodeWorkspace(root), { log: () => {}, factsCache });
  await project.load();
  await factsCache.flush();
  const tLoad = performance.now();
  const model = project.model();
  const tModel = performance.now();
  let internal = 0, resolved = 0, fragmentOnly = 0, external = 0, nonCrawlable = 0;
  const unresolved = [];
  for (const [file, links] of model.outbound) {
    for (const l of links) {
      const url = l.link.url.trim();
      const k = l.res.kind;
      if (k === 'external' || k === 'other-scheme') { external++; continue; }
      if (k === 'non-crawlable') { nonCrawlable++; continue; }
      if (url.startsWith('#')) { fragmentOnly++; continue; }
      internal++;
      if (k === 'page' || k === 'asset') resolved++;
      else unresolved.push({ file, url, line: lineOf(project.pages.get(file), l.link.span.start), image: l.link.image, kind: k, reason: l.res.reason, tried: l.res.tried ?? [], class: undefined, evidence: undefined });
    }
  }
  // Resolve the unresolved links again with the upstream files the copy omits.
  let overlayProfile;
  let noted = 0;
  if (overlays.has(name)) {
    const union = new UnionWorkspace(new NodeWorkspace(root), new NodeWorkspace(overlays.get(name)));
    const full = new Project(union, { log: () => {}, factsCache });
    await full.load();
    const fullModel = full.model();
    overlayProfile = `${fullModel.resolver.profile.name} (${full.routing?.reason})`;
    // Links that resolve with a remark of the framework (Astro trailingSlash), on the copy's pages.
    for (const file of project.pages.keys()) for (const l of fullModel.outbound.get(file) ?? []) if (l.res.via?.includes('trailingSlash')) noted++;
    for (const u of unresolved) {
      const r = fullModel.resolver.resolve(u.file, u.url);
      if (r.kind === 'page' || r.kind === 'asset' || r.kind === 'external') {
        u.class = 'missing-from-copy';
        u.evidence = `with the upstream files: ${explainResolution(r)}`;
      }
    }
  }
  for (const u of unresolved) {
    if (u.class) continue;
    const label = labels.find((l) => l.corpus === name && new RegExp(l.url).test(u.url) && (l.image === undefined || l.image === u.image));
    if (label) { u.class = label.class; u.evidence = label.evidence; }
  }
  const count = (c) => unresolved.filter((u) => u.class === c).length;
  const classes = { 'missing-from-copy': count('missing-from-copy'), 'real-break': count('real-break'), 'resolver-miss': count('resolver-miss'), unclassified: unresolved.filter((u) => !u.class).length };
  const random = rng(Number(values.seed));
  const pool = [...unresolved];
  const sample = [];
  const n = Math.min(Number(values.sample), pool.length);
  for (let i = 0; i < n; i++) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  const entry = {
    corpus: name,
    profile: model.resolver.profile.name,
    detection: project.routing?.reason,
    pages: project.pages.size,
    internalLinks: internal,
    resolved,
    unresolved: unresolved.length,
    resolvedShare: internal === 0 ? 1 : resolved / internal,
    classes,
    ...(overlayProfile ? { overlayProfile, trailingSlashNotes: noted, missingFromCopyByOverlay: unresolved.filter((u) => u.evidence?.startsWith('with the upstream files')).length } : {}),
    // The goal: resolved or a real break. Counted two ways: links whose target the copy lacks as misses, or left out.
    goalShareCountingMissingAsMisses: internal === 0 ? 1 : (resolved + classes['real-break']) / internal,
    goalShareExcludingMissing: internal - classes['missing-from-copy'] === 0 ? 1 : (resolved + classes['real-break']) / (internal - classes['missing-from-copy']),
    fragmentOnlyLinks: fragmentOnly,
    nonCrawlableLinks: nonCrawlable,
    externalLinks: external,
    seconds: { load: +((tLoad - t0) / 1000).toFixed(1), resolve: +((tModel - tLoad) / 1000).toFixed(2) },
    sample,
  };
  report.push(entry);
  if (values['broken-dir']) {
    mkdirSync(values['broken-dir'], { recursive: true });
    writeFileSync(join(values['broken-dir'], `${name}.tsv`), unresolved.map((u) => `${u.file}\t${u.line}\t${u.url}`).join('\n') + '\n');
  }
  process.stdout.write(`\n## ${name}: profile ${entry.profile} (${entry.detection})\n`);
  process.stdout.write(`pages ${entry.pages}, internal links ${internal}, resolved ${resolved}, unresolved ${unresolved.length} (${(100 * entry.resolvedShare).toFixed(2)}% resolved); fragment-only ${fragmentOnly}, external ${external}; load ${entry.seconds.load}s, resolve ${entry.seconds.resolve}s\n`);
  if (overlayProfile) process.stdout.write(`with the upstream files: profile ${overlayProfile}; ${entry.missingFromCopyByOverlay} unresolved links resolve; ${noted} links resolve with a trailingSlash remark\n`);
  process.stdout.write(`unresolved: ${classes['missing-from-copy']} target missing from this copy, ${classes['real-break']} real breaks, ${classes['resolver-miss']} resolver misses, ${classes.unclassified} unclassified\n`);
  process.stdout.write(`resolved or real break: ${(100 * entry.goalShareCountingMissingAsMisses).toFixed(2)}% of all internal links; ${(100 * entry.goalShareExcludingMissing).toFixed(2)}% leaving out the links whose target the copy lacks\n`);
  for (const s of sample) process.stdout.write(`  ${s.file}:${s.line}  ${s.url}  — ${s.class ?? 'unclassified'}: ${s.evidence ?? s.reason}\n`);
  const rest = unresolved.filter((u) => !u.class);
  if (rest.length > 0) {
    process.stdout.write(`unclassified (${rest.length}):\n`);
    for (const u of rest) process.stdout.write(`  ${u.file}:${u.line}  ${u.url}  — ${u.reason}\n`);
  }
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));

function lineOf(page, offset) {
  const starts = page?.lineStarts ?? [0];
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}
