#!/usr/bin/env node
// Runs the extension-host suite in desktop VS Code through @vscode/test-electron (developer machines).
//   npm run build && node scripts/e2e-build-suite.mjs && node test/vscode/run-electron.mjs
// VSCODE_EXECUTABLE_PATH=/path/to/code uses an installed VS Code. When it is unset, @vscode/test-electron
// DOWNLOADS VS Code (stable) from update.code.visualstudio.com into .vscode-test/ — that needs internet access,
// which CI machines without it lack: there, use test/vscode/run-codeserver.mjs instead.
// Env: PILLARLINK_E2E_EXAMPLES, PILLARLINK_E2E_SCENARIO, PILLARLINK_SUITE_GREP as for run-codeserver.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG } from '../e2e/run.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main() {
  let runTests;
  try {
    ({ runTests } = await import('@vscode/test-electron'));
  } catch (e) {
    throw new Error(`@vscode/test-electron is not installed (devDependency): ${e.message}`);
  }
  const testsPath = path.join(REPO, 'out', 'test', 'index.js');
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} is missing: run node scripts/e2e-build-suite.mjs`);
  if (!fs.existsSync(path.join(REPO, 'out', 'client.js'))) throw new Error('out/client.js is missing: run npm run build');

  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-electron-'));
  const ws = path.join(run, 'ws');
  fs.cpSync(CONFIG.examples, ws, { recursive: true });
  const results = path.join(run, 'results.json');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
  if (!vscodeExecutablePath) console.log('VSCODE_EXECUTABLE_PATH is unset: @vscode/test-electron will download VS Code');
  let code = 1;
  try {
    code = await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: REPO,
      extensionTestsPath: testsPath,
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(run, 'user-data')],
      extensionTestsEnv: {
        PILLARLINK_SUITE_SCENARIO: JSON.stringify(CONFIG.scenario),
        PILLARLINK_SUITE_RESULTS: results,
        ...(process.env.PILLARLINK_SUITE_GREP ? { PILLARLINK_SUITE_GREP: process.env.PILLARLINK_SUITE_GREP } : {}),
      },
    });
  } catch (e) {
    console.error(e?.stack || String(e));
  }
  let summary = { passed: 0, failed: 1, tests: [], failures: [] };
  if (fs.existsSync(results)) summary = JSON.parse(fs.readFileSync(results, 'utf8'));
  for (const t of summary.tests ?? []) console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title} (${t.ms} ms)`);
  for (const f of summary.failures ?? []) console.log(`FAIL ${f.title}\n${f.error}`);
  fs.rmSync(run, { recursive: true, force: true });
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return code === 0 && summary.failed === 0 && summary.passed > 0 ? 0 : 1;
}

main().then((c) => { process.exitCode = c; }, (e) => {
  console.error(e.stack || String(e));
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
