#!/usr/bin/env node
// Benchmarks Pillarlink against VS Code's Markdown language service (workspace link diagnostics)
// and remark-validate-links, on the real corpora and on synthetic sites. Runs alternate between
// the tools; the table shows medians (wall seconds) and ratios. See BENCHMARKS.md.
//
//   node esbuild.mjs && npm run bench -- [options]
//     --corpora DIR          folder of corpora (default $PILLARLINK_CORPORA or /work/shared/corpora)
//     --only a,b             only these corpora (folder names); --synthetic-only: none
//     --synthetic 1000,5000  also generate synthetic sites of these sizes (scripts/synth.mjs)
//     --runs N               runs per tool and corpus (default 3)
//     --peers DIR            node_modules folder holding vscode-markdown-languageservice@0.4.0, markdown-it@13,
//                            vscode-languageserver-textdocument, vscode-uri, remark-cli, remark-validate-links
//                            (default $BENCH_PEERS or ./node_modules); --no-peers: Pillarlink only
//     --edits N              also measure N edits over stdio per corpus (edit → republished diagnostics)
//     --timeout S            give up a run after S seconds (default 900)
//     --tools cold,cold1,warm,mdls,remark   measure only these (default all)
//     --json FILE            also write the raw measurements
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './synth.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : fallback; };
const flag = (name) => argv.includes(`--${name}`);
const corporaDir = path.resolve(opt('corpora', process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora'));
const only = opt('only')?.split(',');
const synthetic = (opt('synthetic') ?? '').split(',').filter(Boolean).map(Number);
const runs = Number(opt('runs', '3'));
const peersDir = path.resolve(opt('peers', process.env.BENCH_PEERS ?? path.join(REPO, 'node_modules')));
const usePeers = !flag('no-peers');
const edits = Number(opt('edits', '0'));
const timeoutMs = Number(opt('timeout', '900')) * 1000;
const jsonOut = opt('json');
const onlyTools = opt('tools')?.split(',');

const CLI = path.join(REPO, 'out', 'cli.js');
const SERVER = path.join(REPO, 'out', 'server.js');
if (!fs.existsSync(CLI) || !fs.existsSync(path.join(REPO, 'out', 'parseWorker.js'))) {
  console.error('Build first: node esbuild.mjs');
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-bench-'));
// Every child reports its own peak RSS and CPU time (all threads) on exit.
const REPORT = path.join(work, 'report.cjs');
fs.writeFileSync(REPORT, "process.on('exit', () => { const r = process.resourceUsage(); require('fs').writeSync(2, '\\n@@BENCH ' + JSON.stringify({ rssMB: Math.round(r.maxRSS / 1024), cpuS: (r.userCPUTime + r.systemCPUTime) / 1e6 }) + '\\n'); });\n");

const peerRequire = createRequire(path.join(peersDir, 'noop.js'));
function peerPath(spec) {
  try { return peerRequire.resolve(spec); } catch { return undefined; }
}
const mdlsMain = usePeers ? peerPath('vscode-markdown-languageservice') : undefined;
// remark-cli exports nothing: find its bin by path.
const remarkCli = usePeers && fs.existsSync(path.join(peersDir, 'remark-cli', 'cli.js')) && fs.existsSync(path.join(peersDir, 'remark-validate-links')) ? path.join(peersDir, 'remark-cli', 'cli.js') : undefined;
if (usePeers && (!mdlsMain || !remarkCli)) console.error(`Peers not found under ${peersDir} (vscode-markdown-languageservice: ${!!mdlsMain}, remark-cli: ${!!remarkCli}); only Pillarlink is measured.`);

// VS Code's Markdown service over a folder, as its extension runs it: every page tokenised by
// markdown-it, then workspace link diagnostics per document (plain per-file calls).
const MDLS_RUNNER = path.join(work, 'mdls.cjs');
fs.writeFileSync(MDLS_RUNNER, `
const fs = require('fs'), path = require('path');
const req = require('module').createRequire(${JSON.stringify(path.join(peersDir, 'noop.js'))});
const md = req('vscode-markdown-languageservice');
const MarkdownIt = req('markdown-it');
const { TextDocument } = req('vscode-languageserver-textdocument');
const { URI } = req('vscode-uri');
const root = process.argv[2];
const files = [];
(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p); } else if (/\\.(md|mdx|markdown)$/i.test(e.name)) files.push(p); } })(root);
// .mdx pages are handed over as Markdown so that it does the same amount of work as the others.
const docs = new Map(files.map((f) => { const uri = URI.file(f).toString(); return [uri, TextDocument.create(uri, 'markdown', 1, fs.readFileSync(f, 'utf8'))]; }));
const noEvent = () => ({ dispose() {} });
const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: noEvent, onDidCreateMarkdownDocument: noEvent, onDidDeleteMarkdownDocument: noEvent,
  async getAllMarkdownDocuments() { return [...docs.values()]; },
  hasMarkdownDocument(r) { return docs.has(r.toString()); },
  async openMarkdownDocument(r) { return docs.get(r.toString()); },
  async stat(r) { try { return { isDirectory: fs.statSync(r.fsPath).isDirectory() }; } catch { return undefined; } },
  async readDirectory(r) { return fs.readdirSync(r.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]); },
};
const mdit = MarkdownIt({ html: true });
const noFm = (t) => t.replace(/^---\\r?\\n[\\s\\S]*?\\r?\\n---(?=\\r?\\n)/, (m) => m.replace(/[^\\r\\n]/g, ''));
const parser = { slugifier: md.githubSlugifier, async tokenize(doc) { return mdit.parse(noFm(doc.getText()), {}); } };
const ls = md.createLanguageService({ workspace, parser, logger: { level: 0, log() {} } });
const token = { isCancellationRequested: false, onCancellationRequested: noEvent };
const L = md.DiagnosticLevel.warning;
const options = { validateFileLinks: L, validateReferences: L, validateFragments: L, validateMarkdownFileLinkFragments: L, validateUnusedLinkDefinitions: L, validateDuplicateLinkDefinitions: L, ignoreLinks: [] };
(async () => {
  let n = 0;
  for (const doc of docs.values()) n += (await ls.computeDiagnostics(doc, options, token)).length;
  process.stdout.write(JSON.stringify({ pages: docs.size, diagnostics: n }) + '\\n');
})();
`);

/** Runs one tool; undefined when it failed (non-zero exit, no report, or `valid` rejects its output). */
function run(label, args, cwd = REPO, valid = (out) => /"version": 1/.test(out)) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', REPORT, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs });
  const wall = (performance.now() - t0) / 1000;
  const m = /@@BENCH (.*)/.exec(r.stderr ?? '');
  // remark-cli exits 1 when it reports errors (missing links): that is a result, not a failure.
  const ok = (r.status === 0 || (r.status === 1 && label.includes('remark'))) && !r.error && m && valid(`${r.stdout}${r.stderr}`);
  if (!ok) console.error(`${label}: failed (${r.error?.message ?? `exit ${r.status}`}) ${(r.stderr ?? '').slice(-400)}`);
  return ok ? { wall, ...JSON.parse(m[1]), stdout: r.stdout } : undefined;
}

const median = (xs) => { const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b); return s.length === 0 ? undefined : s[Math.floor((s.length - 1) / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

function countPages(root) {
  let n = 0;
  (function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path.join(d, e.name)); } else if (/\.(md|mdx|markdown)$/i.test(e.name)) n++; } })(root);
  return n;
}

function benchSite(name, root) {
  const cacheDir = path.join(work, `cache-${name}`);
  const tools = {
    cold: () => run(`${name} pillarlink cold`, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never']),
    cold1: () => run(`${name} pillarlink cold, no workers`, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never', '--workers', '0']),
    warm: () => run(`${name} pillarlink warm`, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never', '--cache-dir', cacheDir]),
    ...(mdlsMain ? { mdls: () => run(`${name} markdown language service`, [MDLS_RUNNER, root], REPO, (out) => /"pages":[1-9]/.test(out)) } : {}),
    // The plugin by path (remark-cli resolves names from the working directory); no git remote lookup.
    ...(remarkCli ? { remark: () => run(`${name} remark-validate-links`, [remarkCli, '.', '--use', `${path.join(peersDir, 'remark-validate-links', 'index.js')}=repository:false`, '--ext', 'md,markdown,mdx', '--no-config', '--quiet', '--silent'], root, (out) => !/Cannot process file/.test(out)) } : {}),
  };
  for (const k of Object.keys(tools)) if (onlyTools && !onlyTools.includes(k)) delete tools[k];
  // Fill the cache once so that every timed warm run is warm.
  run(`${name} pillarlink priming`, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never', '--cache-dir', cacheDir]);
  const results = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [k, fn] of Object.entries(tools)) {
      const m = fn();
      results[k].push(m);
      process.stderr.write(`${name} ${k} run ${r + 1}: ${m ? `${m.wall.toFixed(2)} s, ${m.rssMB} MB` : 'failed'}\n`);
    }
  }
  const med = Object.fromEntries(['cold', 'cold1', 'warm', 'mdls', 'remark'].map((k) => { const ms = results[k] ?? []; return [k, { wall: median(ms.map((m) => m?.wall)), cpu: median(ms.map((m) => m?.cpuS)), rssMB: median(ms.map((m) => m?.rssMB)) }]; }));
  return { name, pages: countPages(root), med };
}

// ---- edits over stdio: didChange → publishDiagnostics of that page; cross-file effects ----
// Same page: N edits of the biggest page, and one edit each of N pages spread over the site.
// Cross-file: a heading added to a page → the broken-fragment finding on a page linking to it is
// withdrawn; a page deleted and created again (watcher events) → a broken-link finding on a page
// linking to it appears, then is withdrawn. The server is started without the cap on published
// diagnostics (maxDiagnostics), so that every linking page's findings are published and can be seen.
async function benchEdits(name, root) {
  const rpc = createRequire(path.join(REPO, 'package.json'))('vscode-jsonrpc/node');
  const cacheDir = path.join(work, `cache-${name}`);
  const proc = spawn(process.execPath, [SERVER, '--stdio', '--cache-dir', cacheDir], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiters = new Set();
  const latest = new Map();
  let ready = false;
  conn.onNotification((method, params) => {
    if (method === 'pillarlink/status' && params.state === 'ready') ready = true;
    if (method === 'textDocument/publishDiagnostics') {
      latest.set(params.uri, params.diagnostics);
      for (const w of [...waiters]) w(params);
    }
  });
  conn.onRequest(() => null);
  conn.listen();
  /** Resolves with the elapsed ms when a publication for `uri` satisfies `ok`, or undefined after `ms`. */
  const until = (uri, ok, start, ms = 5000) => new Promise((resolve) => {
    const w = (p) => { if (p.uri === uri && ok(p.diagnostics)) { waiters.delete(w); clearTimeout(t); resolve(performance.now() - start); } };
    const t = setTimeout(() => { waiters.delete(w); resolve(undefined); }, ms);
    waiters.add(w);
  });
  const rootUri = pathToFileURL(root).href;
  const t0 = performance.now();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name }], capabilities: {}, initializationOptions: { maxDiagnostics: 10_000_000 } });
  await conn.sendNotification('initialized', {});
  while (!ready) await new Promise((r) => setTimeout(r, 10));
  const warmReady = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const out = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--fail-on', 'never', '--cache-dir', cacheDir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const files = (JSON.parse(out.stdout).pageStats ?? []).map((p) => p.file);
  const sized = files.map((f) => [f, fs.statSync(path.join(root, f)).size]).sort((a, b) => b[1] - a[1]);
  const target = sized[0]?.[0];
  if (!target) { proc.kill(); return { name, warmReady }; }
  let version = 100;
  const texts = new Map();
  const open = async (file, text) => {
    const uri = pathToFileURL(path.join(root, file)).href;
    if (texts.has(uri)) return uri;
    texts.set(uri, text);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.mdx') ? 'mdx' : 'markdown', version: ++version, text } });
    await new Promise((r) => setTimeout(r, 300));
    return uri;
  };
  const append = async (uri, added, ok, checkUri = uri) => {
    const text = texts.get(uri);
    const line = text.split('\n').length;
    texts.set(uri, `${text}\n${added}`);
    const s = performance.now();
    const got = until(checkUri, ok, s);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `\n${added}` }] });
    return got;
  };
  const hasBench = (i) => (d) => d.some((x) => new RegExp(`no-such-page-${i}(?!\\d)`).test(x.message));
  // Same page: the biggest page, N times (each edit adds one broken link, so its diagnostics change).
  const bigUri = await open(target, fs.readFileSync(path.join(root, target), 'utf8'));
  const times = [];
  for (let i = 0; i < edits; i++) times.push(await append(bigUri, `[bench ${i}](no-such-page-${i}.md)\n`, hasBench(i)));
  // Same page: one edit in each of N pages spread over the site.
  const spread = [];
  for (let i = 0; i < edits && files.length > 0; i++) {
    const file = files[(i * 7919 + 1) % files.length];
    const uri = await open(file, fs.readFileSync(path.join(root, file), 'utf8'));
    spread.push(await append(uri, `[bench ${1000 + i}](no-such-page-${1000 + i}.md)\n`, hasBench(1000 + i)));
  }
  // Cross-file: fragments fixed by a new heading (or anchor) on the page they point at.
  const findings = (code) => [...latest].flatMap(([uri, ds]) => ds.filter((d) => d.code === code).map((d) => ({ uri, d })));
  const heading = [];
  const seenTargets = new Set();
  for (const { uri, d } of findings('broken-fragment')) {
    if (heading.length >= edits) break;
    const { target: t, fragment } = d.data ?? {};
    if (!t || !fragment || seenTargets.has(t) || !fs.existsSync(path.join(root, t))) continue;
    seenTargets.add(t);
    const tUri = await open(t, fs.readFileSync(path.join(root, t), 'utf8'));
    // A heading when its slug is the fragment, else an anchor element.
    const add = /^[a-z0-9-]+$/.test(fragment) ? `## ${fragment.replace(/-/g, ' ')}\n` : `<a id="${fragment}"></a>\n`;
    const same = (x) => x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character && x.code === 'broken-fragment';
    heading.push(await append(tUri, add, (ds) => !ds.some(same), uri));
  }
  // Cross-file: a page linked from elsewhere is deleted (watcher event) → a broken-link finding appears
  // on a page linking to it; the page is created again → that finding is withdrawn.
  const deleted = [];
  const created = [];
  const stats = JSON.parse(out.stdout).pageStats ?? [];
  const linked = stats.filter((p) => p.inbound > 0 && !texts.has(pathToFileURL(path.join(root, p.file)).href));
  const brokenAt = (uri) => new Set((latest.get(uri) ?? []).filter((x) => x.code === 'broken-link').map((x) => `${x.range.start.line}:${x.range.start.character}`));
  for (let i = 0; i < Math.min(edits, linked.length); i++) {
    const file = linked[(i * 7919) % linked.length].file;
    const uri = pathToFileURL(path.join(root, file)).href;
    const before = new Map([...latest.keys()].map((u) => [u, brokenAt(u)]));
    let source;
    const s = performance.now();
    const gone = new Promise((resolve) => {
      const w = (p) => {
        const was = before.get(p.uri) ?? new Set();
        const now = p.diagnostics.filter((x) => x.code === 'broken-link').map((x) => `${x.range.start.line}:${x.range.start.character}`);
        const fresh = now.find((k) => !was.has(k));
        if (fresh) { waiters.delete(w); clearTimeout(t); source = { uri: p.uri, at: fresh }; resolve(performance.now() - s); }
      };
      const t = setTimeout(() => { waiters.delete(w); resolve(undefined); }, 5000);
      waiters.add(w);
    });
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    deleted.push(await gone);
    if (!source) continue;
    const s2 = performance.now();
    const back = until(source.uri, (ds) => !ds.some((x) => x.code === 'broken-link' && `${x.range.start.line}:${x.range.start.character}` === source.at), s2);
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    created.push(await back);
    await new Promise((r) => setTimeout(r, 600));
  }
  proc.kill();
  const stat = (xs) => { const ok = xs.filter((x) => x !== undefined); return { n: ok.length, missed: xs.length - ok.length, median: median(ok), p95: p95(ok), samples: xs.map((x) => (x === undefined ? null : Math.round(x))) }; };
  return { name, warmReady, target, editMedianMs: median(times), editP95Ms: p95(times), spread: stat(spread), heading: stat(heading), deleted: stat(deleted), created: stat(created) };
}

const sites = [];
if (!flag('synthetic-only') && fs.existsSync(corporaDir)) {
  for (const e of fs.readdirSync(corporaDir, { withFileTypes: true })) if (e.isDirectory() && (!only || only.includes(e.name))) sites.push([e.name, path.join(corporaDir, e.name)]);
}
for (const n of synthetic) {
  const dir = path.join(work, `synthetic-${n}`);
  generate(n, dir);
  sites.push([`synthetic-${n}`, dir]);
}

const rows = [];
const editRows = [];
for (const [name, root] of sites) {
  rows.push(benchSite(name, root));
  if (edits > 0) editRows.push(await benchEdits(name, root));
}

const f = (x, d = 2) => (x === undefined ? '—' : x.toFixed(d));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
const lines = [
  `Machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; ${runs} run(s), medians, wall seconds (CPU seconds of all threads in brackets).`,
  '',
  '| site | pages | Pillarlink cold | cold, 0 workers | warm (cache) | warm / cold | VS Code Markdown LS | Pillarlink / LS | remark-validate-links | remark / Pillarlink | Pillarlink peak RSS |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(({ name, pages, med }) => `| ${name} | ${pages} | ${f(med.cold.wall)} (${f(med.cold.cpu)}) | ${f(med.cold1.wall)} (${f(med.cold1.cpu)}) | ${f(med.warm.wall)} | ${ratio(med.warm.wall, med.cold.wall)} | ${f(med.mdls?.wall)} (${f(med.mdls?.cpu)}) | ${ratio(med.cold.wall, med.mdls?.wall)} | ${f(med.remark?.wall)} | ${ratio(med.remark?.wall, med.cold.wall)} | ${med.cold.rssMB ?? '—'} MB |`),
];
if (editRows.length > 0) {
  const xs = (x) => (x && x.n > 0 ? `${f(x.median, 0)} / ${f(x.p95, 0)} ms (${x.n}${x.missed ? `, ${x.missed} not seen in 5 s` : ''})` : '—');
  lines.push('', '| site | LSP warm start to ready | biggest page | its edit → republish median / p95 | edits spread over the site, median / p95 (n) | heading added → inbound broken-fragment withdrawn | page deleted → broken-link on a linking page | page created → that broken-link withdrawn |', '|---|---|---|---|---|---|---|---|');
  for (const e of editRows) lines.push(`| ${e.name} | ${f(e.warmReady)} s | ${e.target ?? '—'} | ${f(e.editMedianMs, 0)} / ${f(e.editP95Ms, 0)} ms | ${xs(e.spread)} | ${xs(e.heading)} | ${xs(e.deleted)} | ${xs(e.created)} |`);
}
console.log(lines.join('\n'));
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ rows, editRows }, null, 2));
fs.rmSync(work, { recursive: true, force: true });
