// Temporary workspaces: each test gets a fresh copy, so edits on disk never leak between tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

/** A fresh, real (symlink-resolved) temporary directory. */
export function makeTempDir(prefix = 'pillarlink-test-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Copies `src` (a fixture folder) into a fresh temporary directory and returns its path. */
export function copyFixture(src: string): string {
  const dir = makeTempDir();
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

/** Writes `files` (relative path → text) into `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

/** A temporary workspace built from `files`. */
export function tempWorkspace(files: Record<string, string | Buffer>): string {
  const dir = makeTempDir();
  writeFiles(dir, files);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (recursively) as text, keyed by its path relative to `dir` with forward slashes. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split('\\').join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
