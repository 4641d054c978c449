// The LSP and CLI tests run the bundled out/server.js and out/cli.js, as users do.
import { execFileSync } from 'node:child_process';
import { REPO } from './tmp';

let built: Promise<void> | undefined;

/** Builds the bundles once per test file. Other work may break the build briefly, so a failure is retried. */
export function buildBundles(): Promise<void> {
  built ??= (async () => {
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'pipe' });
        return;
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const err = last as { stderr?: Buffer; message: string };
    throw new Error(`node esbuild.mjs failed: ${err.stderr?.toString() ?? err.message}`);
  })();
  return built;
}
