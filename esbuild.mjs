// Bundles the extension client, the language server and the CLI into out/ (CommonJS, Node 20).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { __PILLARLINK_VERSION__: JSON.stringify(pkg.version) },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'out/client.js', external: ['vscode'] },
  // The binaries (out/server.js, out/cli.js) and the parse worker's script are small loaders that run the real bundles from a V8 code cache.
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'out/server-main.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/lsp/bin.ts'], outfile: 'out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'out/cli-main.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/node/workersEntry.ts'], outfile: 'out/parseWorker-main.js' },
  { entryPoints: ['server/src/node/workerBin.ts'], outfile: 'out/parseWorker.js' },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
