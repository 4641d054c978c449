// Builds the production bundle and packages pillarlink.vsix with @vscode/vsce; prints its size.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(process.execPath, ['esbuild.mjs', '--production']);
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', 'pillarlink.vsix']);
const size = statSync('pillarlink.vsix').size;
console.log(`pillarlink.vsix: ${(size / 1024).toFixed(0)} KiB`);
