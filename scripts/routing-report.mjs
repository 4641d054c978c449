#!/usr/bin/env node
// Routing figures on real content repositories (data only; nothing is copied into the repo).
//
//   node scripts/routing-report.mjs [corpus…] [--corpora DIR] [--sample 30] [--seed 1] [--json OUT] [--broken-dir DIR]
//
// For each corpus: detected profile, pages, internal links (site-absolute and relative links, not
// fragment-only ones), resolved, unresolved, and a seeded random sample of unresolved links for the
// manual check recorded in docs/routing.md. --broken-dir writes one `file<TAB>url` line per broken
// link (for the remark-validate-links comparison, scripts/routing-diff.mjs).
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { corpora: { type: 'string' }, sample: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, json: { type: 'string' }, 'broken-dir': { type: 'string' } },
});
const corporaDir = values.corpora ?? process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora';
const names = positionals.length > 0 ? positionals : ['astro-docs', 'docusaurus-website', 'nodejs-org', 'mdn-content'];

// A small entry bundled from the TypeScript sources: the core and the Node workspace, nothing else.
const outDir = mkdtempSync(join(tmpdir(), 'pillarlink-routing-'));
const outFile = join(outDir, 'entry.cjs');
await build({
  stdin: {
    contents: "export { Project } from './server/src/core/project'; export { NodeWorkspace } from './server/src/node/fsWorkspace';",
    resolveDir: repo,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD build requires its files dynamically; its ES module build bundles.
  mainFields: ['module', 'main'],
  outfile: outFile,
  logLevel: 'error',
});
const { Project, NodeWorkspace } = createRequire(import.meta.url)(outFile);

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
  const project = new Project(new NodeWorkspace(root), { log: () => {} });
  await project.load();
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
      else unresolved.push({ file, url, line: lineOf(project.pages.get(file), l.link.span.start), kind: k, reason: l.res.reason, tried: l.res.tried ?? [] });
    }
  }
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
  for (const s of sample) process.stdout.write(`  ${s.file}:${s.line}  ${s.url}  — ${s.reason}\n`);
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
