// Loads modules of the TypeScript sources in a plain Node script (reports, soak): bundles a small
// entry that re-exports them into a temporary CommonJS file and requires it.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `exports` is TypeScript re-export source relative to the repository, e.g. "export { Project } from './server/src/core/project';". */
export async function loadCore(exports) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-core-'));
  const outfile = path.join(dir, 'core.cjs');
  await build({
    stdin: { contents: exports, resolveDir: REPO, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsonc-parser's UMD build requires its files dynamically; its ES module build bundles.
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'error',
  });
  const mod = createRequire(import.meta.url)(outfile);
  fs.rmSync(dir, { recursive: true, force: true });
  return mod;
}
