// A Workspace over a git tree (a commit, branch or tag), read with `git ls-tree` and one
// `git cat-file --batch`: no checkout, no temporary files. `pillarlink diff` analyses the base with it.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { FileEntry, Workspace } from '../core/workspace';
import { isPagePath } from '../core/workspace';
import { decodeText } from './fsWorkspace';

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new GitError(`git ${args.join(' ')} failed: ${(err.stderr ?? err.message).toString().trim()}`);
  }
}

interface TreeEntry { oid: string; size: number }

export class GitWorkspace implements Workspace {
  /** The folder in the working tree this workspace stands for; findings are relative to it. */
  readonly root: string;
  /** The full commit id the ref resolved to. */
  readonly commit: string;
  private readonly top: string;
  private readonly entries = new Map<string, TreeEntry>();
  private cache: Map<string, string> | undefined;

  /**
   * `root` is a folder inside a git working tree; the tree of `ref` is read at the same place
   * relative to the repository's top level (so `pillarlink diff main site/` compares site/ with main:site/).
   */
  constructor(root: string, readonly ref: string) {
    this.root = path.resolve(root);
    this.top = git(this.root, ['rev-parse', '--show-toplevel']).trim();
    try {
      this.commit = git(this.root, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).trim();
    } catch {
      throw new GitError(`"${ref}" is not a commit, branch or tag of the repository at ${this.top}`);
    }
    const prefix = path.relative(this.top, this.root).split(path.sep).join('/');
    const out = git(this.top, ['ls-tree', '-r', '-z', '--long', '--full-tree', this.commit]);
    for (const rec of out.split('\0')) {
      if (rec === '') continue;
      const tab = rec.indexOf('\t');
      const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
      const full = rec.slice(tab + 1);
      // Regular files only: no submodules (commits) and no symlinks, whose targets may lie outside.
      if (type !== 'blob' || mode === '120000') continue;
      const rel = prefix === '' ? full : full.startsWith(`${prefix}/`) ? full.slice(prefix.length + 1) : undefined;
      if (rel === undefined) continue;
      // The same folders the disk walk skips: dot-folders and node_modules.
      const dirs = rel.split('/').slice(0, -1);
      if (dirs.some((d) => d.startsWith('.') || d === 'node_modules')) continue;
      this.entries.set(rel, { oid: oid!, size: Number(size) });
    }
  }

  async listFiles(): Promise<FileEntry[]> {
    return [...this.entries].map(([p, e]) => ({ path: p, size: e.size })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readFile(rel: string): Promise<string | undefined> {
    const e = this.entries.get(rel);
    if (!e) return undefined;
    this.cache ??= this.readAll();
    const hit = this.cache.get(rel);
    if (hit !== undefined) return hit;
    try {
      return decodeText(execFileSync('git', ['cat-file', 'blob', e.oid], { cwd: this.top, maxBuffer: 1 << 30 }));
    } catch {
      return undefined;
    }
  }

  /** Reads every page and JSON file in one `git cat-file --batch` run. */
  private readAll(): Map<string, string> {
    const wanted = [...this.entries].filter(([p]) => isPagePath(p) || p.endsWith('.json'));
    const map = new Map<string, string>();
    if (wanted.length === 0) return map;
    const r = spawnSync('git', ['cat-file', '--batch'], { cwd: this.top, input: wanted.map(([, e]) => `${e.oid}\n`).join(''), maxBuffer: 1 << 30 });
    if (r.status !== 0 || !r.stdout) throw new GitError(`git cat-file --batch failed: ${r.stderr?.toString().trim() ?? r.error?.message}`);
    const buf = r.stdout;
    let at = 0;
    for (const [p] of wanted) {
      const nl = buf.indexOf(0x0a, at);
      if (nl < 0) break;
      const header = buf.subarray(at, nl).toString('utf8');
      const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
      if (!m) { at = nl + 1; continue; } // "<oid> missing"
      const size = Number(m[3]);
      map.set(p, decodeText(buf.subarray(nl + 1, nl + 1 + size)));
      at = nl + 1 + size + 1;
    }
    return map;
  }
}
