#!/usr/bin/env node
// The fast scanner (server/src/core/parse/fastScan.ts) on whole corpora (data only).
//
//   node scripts/fast-scan-report.mjs [corpus…] [--corpora DIR] [--runs 3] [--reasons] [--json OUT]
//
// For each corpus: pages, the share the scanner accepts (pages and bytes), how many accepted pages
// give facts identical to parsePage (JSON; must be all of them: the exit code is 1 otherwise), the
// scanner's throughput on the accepted pages against parsePage's on the same pages, and the time of
// indexPage (scanner, parsePage for the rest) against parsePage over the whole corpus. Files are read
// before timing; times are single-threaded wall clock, the scanner's the best of --runs.
// --reasons lists why pages were left to parsePage.
import { loadCore } from './core-bundle.mjs';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { corpora: { type: 'string' }, runs: { type: 'string', default: '3' }, reasons: { type: 'boolean', default: false }, json: { type: 'string' } },
});
const corporaDir = values.corpora ?? process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora';
const names = positionals.length > 0 ? positionals : ['astro-docs', 'docusaurus-website', 'nodejs-org', 'mdn-content'];
const runs = Math.max(1, Number(values.runs));

const { parsePage, DEFAULT_PARSE_OPTIONS, scanPageOrReason, indexPage } = await loadCore("export { parsePage, DEFAULT_PARSE_OPTIONS } from './server/src/core/parse/page'; export { scanPageOrReason, indexPage } from './server/src/core/parse/fastScan';");
const options = DEFAULT_PARSE_OPTIONS;

function pagesUnder(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.git')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) pagesUnder(p, out);
    else if (/\.(md|mdx|markdown)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const pct = (a, b) => (b === 0 ? '0.0' : ((100 * a) / b).toFixed(1));
const mb = (bytes) => bytes / 1e6;
const rows = [];
let failed = false;

for (const name of names) {
  const root = join(corporaDir, name);
  if (!existsSync(root)) {
    console.log(`${name}: not found under ${corporaDir}, skipped`);
    continue;
  }
  const pages = pagesUnder(root).map((abs) => {
    const raw = readFileSync(abs);
    return { file: relative(root, abs).split(sep).join('/'), text: raw.toString('utf8'), bytes: raw.length };
  });
  const bytes = pages.reduce((a, p) => a + p.bytes, 0);

  // Classify every page, and compare each accepted one with parsePage (timed on the same pages).
  const accepted = [];
  const reasons = new Map();
  let identical = 0;
  let parseAccepted = 0;
  let parseAll = 0;
  const differing = [];
  for (const p of pages) {
    const fast = scanPageOrReason(p.file, p.text, options);
    const t0 = performance.now();
    const ref = parsePage(p.file, p.text, options);
    const dt = performance.now() - t0;
    parseAll += dt;
    if (typeof fast === 'string') {
      const r = reasons.get(fast) ?? { pages: 0, bytes: 0 };
      r.pages++;
      r.bytes += p.bytes;
      reasons.set(fast, r);
      continue;
    }
    accepted.push(p);
    parseAccepted += dt;
    if (JSON.stringify(fast) === JSON.stringify(ref)) identical++;
    else differing.push(p.file);
  }
  const acceptedBytes = accepted.reduce((a, p) => a + p.bytes, 0);

  // The scanner alone on the accepted pages (best of --runs), then indexPage over the whole corpus.
  let scan = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const p of accepted) scanPageOrReason(p.file, p.text, options);
    scan = Math.min(scan, performance.now() - t0);
  }
  const t0 = performance.now();
  for (const p of pages) indexPage(p.file, p.text, options);
  const index = performance.now() - t0;

  const row = {
    corpus: name,
    pages: pages.length,
    mb: +mb(bytes).toFixed(2),
    acceptedPages: accepted.length,
    acceptedPagesPct: +pct(accepted.length, pages.length),
    acceptedBytesPct: +pct(acceptedBytes, bytes),
    identical,
    differing,
    scanMBps: +(mb(acceptedBytes) / (scan / 1000)).toFixed(1),
    parseMBps: +(mb(acceptedBytes) / (parseAccepted / 1000)).toFixed(2),
    indexPageS: +(index / 1000).toFixed(2),
    parsePageS: +(parseAll / 1000).toFixed(2),
    reasons: Object.fromEntries([...reasons].sort((a, b) => b[1].bytes - a[1].bytes)),
  };
  rows.push(row);
  if (differing.length > 0) failed = true;
  console.log(
    `${name}: ${row.pages} pages, ${row.mb} MB; accepted ${row.acceptedPages} pages (${row.acceptedPagesPct}%), ${row.acceptedBytesPct}% of bytes; ` +
      `identical ${identical}/${accepted.length}; accepted pages: scanPage ${row.scanMBps} MB/s vs parsePage ${row.parseMBps} MB/s ` +
      `(${(row.scanMBps / row.parseMBps).toFixed(1)}×); whole corpus: indexPage ${row.indexPageS} s vs parsePage ${row.parsePageS} s (${(row.parsePageS / row.indexPageS).toFixed(1)}×)`,
  );
  for (const f of differing.slice(0, 10)) console.log(`  NOT IDENTICAL: ${f}`);
  if (values.reasons) for (const [r, v] of reasons) console.log(`  left to parsePage: ${r}: ${v.pages} pages, ${mb(v.bytes).toFixed(2)} MB`);
}

if (values.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(values.json, JSON.stringify(rows, null, 2));
}
process.exit(failed ? 1 : 0);
