// Writes package.json's `contributes.configuration` from shared/src/settings.ts (the source of truth)
// and merges client/contributes.json (commands, views, menus).
// `--check` exits 1 when package.json differs (used by the test suite).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = await esbuild.build({ entryPoints: ['shared/src/settings.ts'], bundle: true, platform: 'node', format: 'cjs', write: false });
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const { configurationContribution, RESTRICTED_SETTINGS } = mod.exports;

const pkgPath = new URL('../package.json', import.meta.url);
const text = readFileSync(pkgPath, 'utf8');
const pkg = JSON.parse(text);
pkg.contributes ??= {};
pkg.contributes.configuration = configurationContribution();
// Views, commands, menus and welcome content live next to the client code that implements them.
const ui = JSON.parse(readFileSync(new URL('../client/contributes.json', import.meta.url), 'utf8'));
for (const [key, value] of Object.entries(ui)) pkg.contributes[key] = value;
pkg.capabilities ??= {};
pkg.capabilities.untrustedWorkspaces = {
  supported: 'limited',
  description: 'In Restricted Mode Pillarlink analyses the workspace but ignores settings that point at other folders.',
  restrictedConfigurations: RESTRICTED_SETTINGS,
};
const next = `${JSON.stringify(pkg, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('package.json is out of date with shared/src/settings.ts: run `npm run gen:manifest`.');
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(pkgPath, next);
  console.log('package.json updated');
}
