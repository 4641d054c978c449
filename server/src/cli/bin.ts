// The `pillarlink` binary (out/cli.js): runs the CLI bundle (out/cli-main.js) from a V8 code cache.
import * as path from 'node:path';
import { compileCacheDir, loadBundle } from '../node/compileCache';

const cli = loadBundle(path.join(__dirname, 'cli-main.js'), compileCacheDir()).exports as { runCli(argv: string[]): void };
cli.runCli(process.argv.slice(2));
