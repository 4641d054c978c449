#!/usr/bin/env node
// Soak test (not part of `npm test`): edit cycles on a large synthetic workspace through an
// in-process Project (the same code the language server runs per folder, without the JSON-RPC
// transport), measuring the heap after a full GC at the start, along the way and at the end.
//
//   node --expose-gc scripts/soak.mjs [--pages 10000] [--cycles 1000] [--every 100]
//
// Each cycle edits one page as an editor would (setOpenDocument: adds or removes a link, renames
// a heading), re-analyses what the edit affects (Project.refresh), and every 10th cycle also closes a
// document, deletes/recreates a file and runs the site-wide rules. Results are printed as JSON on the last line.
import { loadCore } from './core-bundle.mjs';
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('pages', 10_000);
const CYCLES = arg('cycles', 1000);
const EVERY = arg('every', 100);

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc scripts/soak.mjs');
  process.exit(2);
}

// Bundle the core once (it is TypeScript) into a temporary CommonJS module.
const { Project, InMemoryWorkspace } = await loadCore("export { Project } from './server/src/core/project';\nexport { InMemoryWorkspace } from './server/src/core/workspace';\n");

/** Pages in a tree of folders; each links home, to its parent and to two children, in clusters of 50. */
function page(i, variant = 0) {
  const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < PAGES).map((k) => `[Page ${k}](/s${k % 20}/p${k}/)`).join(' and ');
  const cluster = `c${Math.floor(i / 50)}`;
  const role = i % 50 === 0 ? 'target' : 'support';
  const extra = variant % 2 === 1 ? `\n\nEdited ${variant}: see [the target](/s${(i - (i % 50)) % 20}/p${i - (i % 50)}/).` : '';
  return `---\ntitle: Page ${i} v${variant}\ncluster: ${cluster}\nrole: ${role}\n---\n\n# Page ${i}${variant ? ` (${variant})` : ''}\n\nBack [home](/). ${kids}${extra}\n\n## Details\n\nSome words about topic ${i % 97} and more words.\n`;
}

const files = { 'content/index.md': '# Home\n\n[Page 0](/s0/p0/)\n' };
for (let i = 0; i < PAGES; i++) files[`content/s${i % 20}/p${i}.md`] = page(i);
const ws = new InMemoryWorkspace('/soak', files);
const project = new Project(ws);

const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;

let t = Date.now();
await project.load();
project.analyze();
const loadMs = Date.now() - t;
const samples = [{ cycle: 0, heapMB: mb(heap()) }];
console.log(`loaded ${PAGES} pages in ${loadMs} ms; heap ${samples[0].heapMB} MB`);

t = Date.now();
const cycleMs = [];
for (let c = 1; c <= CYCLES; c++) {
  const i = (c * 7919) % PAGES;
  const file = `content/s${i % 20}/p${i}.md`;
  const s = Date.now();
  project.setOpenDocument(file, page(i, c));
  if (c % 10 === 0) {
    await project.closeDocument(file);
    const victim = `content/s${(c * 31) % 20}/p${(c * 31) % PAGES}.md`;
    const text = ws.files.get(victim);
    ws.delete(victim);
    project.fileDeleted(victim);
    project.refresh({ site: false });
    ws.set(victim, text);
    await project.fileChanged(victim);
  }
  // As the language server does: page and cluster rules after each edit, every rule when the folder
  // goes quiet (here every 10th cycle).
  project.refresh({ site: c % 10 === 0 });
  if (project.filesWithFindings().length === 0) throw new Error('no findings: the synthetic site should have some');
  cycleMs.push(Date.now() - s);
  if (c % EVERY === 0 || c === CYCLES) {
    samples.push({ cycle: c, heapMB: mb(heap()) });
    console.log(`cycle ${c}: heap ${samples.at(-1).heapMB} MB, median cycle ${median(cycleMs)} ms`);
  }
}
// Close every document and reload: the heap must come back to the start level.
const totalMs = Date.now() - t;
const start = samples[0].heapMB;
const end = samples.at(-1).heapMB;
console.log(JSON.stringify({ pages: PAGES, cycles: CYCLES, loadMs, totalMs, medianCycleMs: median(cycleMs), heapStartMB: start, heapEndMB: end, driftMB: Math.round((end - start) * 10) / 10, samples }));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
