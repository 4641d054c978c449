// Entry point of the extension-host test suite (the `extensionTestsPath` contract of @vscode/test-electron):
// the host loads out/test/index.js and awaits `run()`. Used both by VS Code desktop (run-electron.mjs)
// and by code-server's extension host (run-codeserver.mjs).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type Mocha from 'mocha';

type MochaCtor = typeof Mocha;

/** mocha comes from the repo's devDependencies when present, else from the e2e tool cache. */
function loadMocha(): MochaCtor {
  const cache = process.env.PILLARLINK_E2E_CACHE || path.join(os.homedir(), '.cache', 'pillarlink-e2e');
  const candidates = [process.env.PILLARLINK_MOCHA, 'mocha', path.join(cache, 'tools', 'node_modules', 'mocha')];
  const errors: string[] = [];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return createRequire(__filename)(c) as MochaCtor;
    } catch (e) {
      errors.push(`${c}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`mocha not found (npm install, or bash scripts/e2e-setup.sh):\n${errors.join('\n')}`);
}

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  tests: { title: string; state: 'passed' | 'failed'; ms: number }[];
  failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.PILLARLINK_SUITE_GREP });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));

  return new Promise((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, tests: [], failures: [] };
    const runner = mocha.run((failures) => {
      const out = process.env.PILLARLINK_SUITE_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
      console.log(`${result.passed} passed, ${result.failed} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      result.passed++;
      result.tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration ?? 0 });
    });
    runner.on('pending', () => { result.pending++; });
    runner.on('fail', (t, err: Error) => {
      result.failed++;
      result.tests.push({ title: t.fullTitle(), state: 'failed', ms: t.duration ?? 0 });
      result.failures.push({ title: t.fullTitle(), error: String(err?.stack || err) });
    });
  });
}
