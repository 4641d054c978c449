// The `pillarlink` binary (out/cli.js): answers `check --cache-dir` on an unchanged workspace from its
// stored output (warmCheck.ts), else runs the CLI bundle (out/cli-main.js) from a V8 code cache.
import * as path from 'node:path';
import { compileCacheDir, loadBundle } from '../node/compileCache';
import { serveWarmCheck } from '../node/warmCheck';

const argv = process.argv.slice(2);
const served = serveWarmCheck(argv, __dirname, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
if (served !== undefined) {
  process.exitCode = served;
} else {
  const cli = loadBundle(path.join(__dirname, 'cli-main.js'), compileCacheDir()).exports as { runCli(argv: string[]): void };
  cli.runCli(argv);
}
