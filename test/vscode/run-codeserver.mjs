#!/usr/bin/env node
// Runs the extension-host suite (out/test/index.js) inside code-server's real extension host, driven by
// headless chromium with VS Code's smoke-test driver (see /work/shared/e2e.md, "Extension-host suite in code-server").
//   bash scripts/e2e-setup.sh && npm run build && node test/vscode/run-codeserver.mjs
// Env: PILLARLINK_EXT_DEV_PATH (extension folder, default: the repo), PILLARLINK_E2E_EXAMPLES (workspace to copy),
//      PILLARLINK_E2E_SCENARIO (JSON merged over SCENARIO), PILLARLINK_SUITE_GREP, PILLARLINK_E2E_ARTIFACTS,
//      PILLARLINK_SUITE_NOBUILD=1 (skip compiling the suite), PILLARLINK_E2E_KEEP=1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyLogs, launchBrowser, startCodeServer } from '../e2e/codeserver.mjs';
import { CONFIG } from '../e2e/run.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const extDev = path.resolve(process.env.PILLARLINK_EXT_DEV_PATH || REPO);
const testsPath = path.join(REPO, 'out', 'test', 'index.js');
const artifacts = path.resolve(process.env.PILLARLINK_E2E_ARTIFACTS || path.join(REPO, 'artifacts', 'vscode-suite'));
const t0 = Date.now();
const log = (msg) => console.log(`[suite ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

async function main() {
  if (process.env.PILLARLINK_SUITE_NOBUILD !== '1') {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'e2e-build-suite.mjs')], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the suite failed');
  }
  const main = JSON.parse(fs.readFileSync(path.join(extDev, 'package.json'), 'utf8')).main;
  if (main && !fs.existsSync(path.join(extDev, main))) throw new Error(`${path.join(extDev, main)} is missing: run npm run build`);

  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-suite-'));
  const ws = path.join(run, 'ws');
  fs.cpSync(CONFIG.examples, ws, { recursive: true });
  const results = path.join(run, 'results.json');
  // The extension host inherits code-server's environment: that is how the suite gets its scenario.
  process.env.PILLARLINK_SUITE_SCENARIO = JSON.stringify(CONFIG.scenario);
  process.env.PILLARLINK_SUITE_RESULTS = results;
  log(`run dir ${run}; extension ${extDev}`);
  const cs = await startCodeServer({
    run,
    settings: { 'pillarlink.trace.server': 'verbose' },
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    log,
  });
  const browser = await launchBrowser();
  let exit;
  const consoleLines = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => { resolve(code); });
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(extDev)], ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const limit = Number(process.env.PILLARLINK_SUITE_TIMEOUT_MS || 300_000);
    let timer;
    exit = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), limit); })]);
    clearTimeout(timer);
    log(`codeAutomationExit(${exit})`);
    await page.screenshot({ path: path.join(artifacts, 'suite-end.png') }).catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    await cs.stop();
    fs.writeFileSync(path.join(artifacts, 'browser-console.log'), consoleLines.join('\n'));
    copyLogs(cs.userData, path.join(artifacts, 'logs'));
    if (fs.existsSync(path.join(run, 'code-server.log'))) fs.copyFileSync(path.join(run, 'code-server.log'), path.join(artifacts, 'logs', 'code-server.log'));
  }
  let summary = { passed: 0, failed: 1, failures: [{ title: 'suite', error: `no results written (exit ${exit})` }] };
  if (fs.existsSync(results)) summary = JSON.parse(fs.readFileSync(results, 'utf8'));
  fs.writeFileSync(path.join(artifacts, 'results.json'), JSON.stringify(summary, null, 2));
  for (const l of consoleLines) if (l.includes('still waiting for input')) console.log(`  note: ${l.replace(/^.*?(commands still)/, '$1')}`);
  for (const t of summary.tests ?? []) console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title} (${t.ms} ms)`);
  for (const f of summary.failures) console.log(`FAIL ${f.title}\n${f.error}`);
  if (process.env.PILLARLINK_E2E_KEEP !== '1') fs.rmSync(run, { recursive: true, force: true });
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return exit === 0 && summary.failed === 0 && summary.passed > 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e.stack || String(e));
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
