#!/usr/bin/env node
// Compares remark-validate-links' missing files with Pillarlink's broken links, by file and line.
//   node scripts/routing-diff.mjs <remark-report.json> <pillarlink-broken.tsv>
// The JSON comes from remark-cli with `--report json` (vfile-reporter-json); the TSV from
// `node scripts/routing-report.mjs <corpus> --broken-dir DIR`. See docs/routing.md.
import { readFileSync } from 'node:fs';

const [remarkFile, brokenFile] = process.argv.slice(2);
if (!remarkFile || !brokenFile) {
  process.stderr.write('usage: routing-diff.mjs <remark-report.json> <pillarlink-broken.tsv>\n');
  process.exit(2);
}
const remark = new Map();
for (const f of JSON.parse(readFileSync(remarkFile, 'utf8'))) {
  for (const m of f.messages) {
    if (m.ruleId !== 'missing-file') continue;
    remark.set(`${f.path}:${m.line}`, m.reason);
  }
}
const ours = new Map();
for (const line of readFileSync(brokenFile, 'utf8').split('\n')) {
  const [file, ln, url] = line.split('\t');
  // remark-validate-links checks file links: relative paths (and root-relative ones as files).
  if (file && url !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(url)) ours.set(`${file}:${ln}`, url);
}
const both = [...remark.keys()].filter((k) => ours.has(k));
const onlyRemark = [...remark.keys()].filter((k) => !ours.has(k));
const onlyOurs = [...ours.keys()].filter((k) => !remark.has(k));
process.stdout.write(`remark-validate-links missing-file: ${remark.size}; pillarlink broken: ${ours.size}; both: ${both.length}; only remark: ${onlyRemark.length}; only pillarlink: ${onlyOurs.length}\n`);
process.stdout.write('\nonly remark-validate-links:\n');
for (const k of onlyRemark) process.stdout.write(`  ${k}  ${remark.get(k)}\n`);
process.stdout.write('\nonly pillarlink:\n');
for (const k of onlyOurs) process.stdout.write(`  ${k}  ${ours.get(k)}\n`);
