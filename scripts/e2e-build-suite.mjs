// Compiles the extension-host suite (test/vscode/**/*.ts) into out/test/ for the extensionTestsPath contract.
// `vscode` and `mocha` stay external: the host provides vscode; mocha comes from devDependencies or the e2e cache.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repo, 'test', 'vscode');
const entryPoints = [path.join(src, 'index.ts'), ...fs.readdirSync(path.join(src, 'suite'))
  .filter((f) => f.endsWith('.test.ts')).map((f) => path.join(src, 'suite', f))];

fs.rmSync(path.join(repo, 'out', 'test'), { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: path.join(repo, 'out', 'test'),
  outbase: src,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
  logOverride: { 'unsupported-require-call': 'silent' },
});
console.log(`built ${entryPoints.length} file(s) into out/test/`);
