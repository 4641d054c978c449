#!/usr/bin/env node
// Generates a synthetic Markdown site for benchmarks: N pages in nested folders, clusters with
// target and support pages, relative and site-absolute links, fragments, reference links, tables,
// code blocks, a few broken links. Deterministic for a given N and seed.
//
//   node scripts/synth.mjs <pages> <out-dir> [--seed 1]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 0x100000000; };
}

const WORDS = 'link page site cluster target support guide content search index crawl anchor text heading section reader topic build deploy route markdown render schema query cache worker thread parse token graph rank depth orphan sitemap canonical redirect'.split(' ');
const ROLES = ['support', 'tutorial', 'explainer', 'comparison', 'faq'];

/** Writes the site into `out` (which must be empty or absent); returns the number of pages written. */
export function generate(pages, out, seed = 1) {
  const rand = rng(seed * 2654435761 + pages);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const clusterSize = 12;
  const list = [];
  for (let i = 0; i < pages; i++) {
    const section = `s${Math.floor(i / 400)}`;
    const group = `g${Math.floor(i / clusterSize)}`;
    const isTarget = i % clusterSize === 0;
    list.push({ i, file: `content/${section}/${group}/${isTarget ? 'index' : `p${i}`}.md`, url: `/${section}/${group}/${isTarget ? '' : `p${i}/`}`, group, isTarget });
  }
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'pillarlink.json'), `${JSON.stringify({ contentRoots: ['content'] }, null, 2)}\n`);
  const relTo = (from, to) => {
    let r = path.posix.relative(path.posix.dirname(from.file), to.file);
    if (!r.startsWith('.')) r = `./${r}`;
    return r;
  };
  const dirs = new Set();
  for (const p of list) {
    const target = list[p.i - (p.i % clusterSize)];
    const lines = ['---', `title: "${words(3)} ${p.i}"`, `cluster: ${p.group}`, `role: ${p.isTarget ? 'target' : pick(ROLES)}`, `date: 2024-01-${String(1 + (p.i % 28)).padStart(2, '0')}`, '---', '', `# Page ${p.i}: ${words(3)}`, ''];
    const sections = 3 + Math.floor(rand() * 4);
    for (let s = 0; s < sections; s++) {
      lines.push(`## ${words(2)} ${s}`, '');
      for (let para = 0; para < 2; para++) {
        const other = list[Math.floor(rand() * pages)];
        const parts = [words(12)];
        if (!p.isTarget && para === 0 && s === 0) parts.push(`see [the ${target.group} guide](${relTo(p, target)})`);
        const r = rand();
        if (r < 0.4) parts.push(`and [${words(2)}](${other.url})`);
        else if (r < 0.6) parts.push(`and [${words(2)}](${relTo(p, other)}#${words(1)}-0)`);
        else if (r < 0.65) parts.push(`and [a missing page](/nowhere/${p.i}/)`);
        else if (r < 0.75) parts.push(`and [${words(1)}][ref${para}]`);
        else if (r < 0.8) parts.push(`at https://example.com/${p.i} or <https://example.org/x>`);
        parts.push(`${words(10)}.`);
        lines.push(parts.join(' '), '');
        if (parts.some((x) => x.includes(`[ref${para}]`))) lines.push(`[ref${para}]: ${other.url}`, '');
      }
      if (rand() < 0.3) lines.push('| a | b |', '|---|---|', `| ${words(1)} | [${words(1)}](${pick(list).url}) |`, '');
      if (rand() < 0.3) lines.push('```js', `const x = "${words(3)}"; // [not a link](/x)`, '```', '');
    }
    lines.push('## Related posts', '', `- [${words(2)}](${pick(list).url})`, `- [${words(2)}](${pick(list).url})`, '');
    const abs = path.join(out, p.file);
    const dir = path.dirname(abs);
    if (!dirs.has(dir)) { fs.mkdirSync(dir, { recursive: true }); dirs.add(dir); }
    fs.writeFileSync(abs, lines.join('\n'));
  }
  return pages;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [n, out] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--seed');
  const seedAt = process.argv.indexOf('--seed');
  if (!n || !out || !Number.isInteger(Number(n))) {
    process.stderr.write('Usage: node scripts/synth.mjs <pages> <out-dir> [--seed N]\n');
    process.exit(2);
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    process.stderr.write(`${out} is not empty\n`);
    process.exit(2);
  }
  generate(Number(n), out, seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1);
  process.stdout.write(`Wrote ${n} pages to ${out}\n`);
}
