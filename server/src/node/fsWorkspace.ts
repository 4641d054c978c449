import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isPagePath, type FileEntry, type Workspace } from '../core/workspace';

const SKIP_DIRS = new Set(['node_modules']);
/** Files that mark a folder as a project, so that even `/` or the home folder may be indexed. */
const MARKERS = ['.git', 'pillarlink.json'];

/** True when `child` is `root` itself or inside it (no prefix bugs: path.relative, not startsWith). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Decodes file bytes: UTF-16 with a BOM, else UTF-8 (invalid bytes become U+FFFD). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return buf.toString('utf8');
}

/** How long before a listing a file must have been last modified (and its inode changed) to get a stamp. */
const RACY_MS = 2000;

/**
 * The workspace on disk. Walks the tree once honouring .gitignore files, skips node_modules and
 * dot-folders, never follows directory symlinks, and refuses any read outside the root.
 */
export class NodeWorkspace implements Workspace {
  readonly root: string;
  private realRoot: string | undefined;
  /**
   * Device and inode of the regular page files the last listing reached through real folders only:
   * a read that opens the same inode (without following a final symlink) reads a file inside the
   * root and needs no realpath (which costs a third of the time of reading MDN's 14k pages).
   */
  private listed = new Map<string, { dev: number; ino: number }>();

  constructor(root: string, private readonly log: (m: string) => void = () => {}) {
    this.root = path.resolve(root);
  }

  private async real(): Promise<string> {
    if (this.realRoot === undefined) this.realRoot = await fs.realpath(this.root).catch(() => this.root);
    return this.realRoot;
  }

  /** Why listFiles listed nothing: the root is `/` or the home folder without a project marker. */
  refusal: string | undefined;

  /**
   * What the last listing depended on besides the pages: the folders it listed ('' is the root) and
   * the `.gitignore` files it read. `plain` is false when it followed a symlink or could not list a
   * folder (what it saw then depends on more than these). The CLI's warm start checks them (warmCheck.ts).
   */
  walk: { dirs: string[]; gitignores: string[]; plain: boolean } | undefined;

  async listFiles(): Promise<FileEntry[]> {
    this.refusal = await this.refuse();
    if (this.refusal) {
      this.log(this.refusal);
      return [];
    }
    const out: FileEntry[] = [];
    // Files modified in the last seconds before the listing get no stamp (FileEntry.stamp).
    const settled = Date.now() - RACY_MS;
    const listed = new Map<string, { dev: number; ino: number }>();
    this.listed = listed;
    const walk = { dirs: [] as string[], gitignores: [] as string[], plain: true };
    this.walk = walk;
    const stack: { dir: string; rules: { base: string; ig: Ignore }[] }[] = [{ dir: '', rules: [] }];
    // Synchronous calls (a failed async open per folder for .gitignore and an async stat per file
    // cost 3–4× more on MDN's 14k folders), yielding to the event loop every 20 ms.
    let sliceStart = Date.now();
    while (stack.length > 0) {
      if (Date.now() - sliceStart >= 20) { await new Promise((r) => setImmediate(r)); sliceStart = Date.now(); }
      const { dir, rules: parentRules } = stack.pop()!;
      const abs = path.join(this.root, dir);
      let entries: Dirent[];
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch (e) {
        this.log(`Cannot list ${dir || '.'}: ${(e as Error).message}`);
        walk.plain = false;
        continue;
      }
      walk.dirs.push(dir);
      let rules = parentRules;
      if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
        walk.gitignores.push(dir === '' ? '.gitignore' : `${dir}/.gitignore`);
        try {
          rules = [...parentRules, { base: dir, ig: ignore().add(readFileSync(path.join(abs, '.gitignore'), 'utf8')) }];
        } catch {
          // unreadable .gitignore: nothing ignored by it
        }
      }
      for (const ent of entries) {
        const rel = dir === '' ? ent.name : `${dir}/${ent.name}`;
        const isDir = ent.isDirectory();
        if (ignored(rules, rel, isDir)) continue;
        if (isDir) {
          if (ent.name.startsWith('.') || SKIP_DIRS.has(ent.name)) continue;
          stack.push({ dir: rel, rules });
        } else if (ent.isFile()) {
          // Sizes matter for the page size cap only (a stat per image or asset costs as much as the listing).
          let size = 0;
          let stamp: string | undefined;
          if (isPagePath(rel)) {
            try {
              // `abs` is normalised: concatenation is what path.join would return, at a tenth of the cost (14k pages).
              const st = statSync(`${abs}${path.sep}${ent.name}`);
              size = st.size;
              if (st.isFile()) {
                listed.set(rel, { dev: st.dev, ino: st.ino });
                if (st.mtimeMs < settled && st.ctimeMs < settled) stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
              }
            } catch { /* gone since readdir */ }
          }
          out.push(stamp === undefined ? { path: rel, size } : { path: rel, size, stamp });
        } else if (ent.isSymbolicLink()) {
          walk.plain = false;
          // A symlinked file is kept only when it points inside the workspace; directories never.
          try {
            const target = await fs.realpath(path.join(abs, ent.name));
            if (!isInside(await this.real(), target)) continue;
            const st = await fs.stat(target);
            if (st.isFile()) out.push({ path: rel, size: st.size });
          } catch {
            // dangling link
          }
        }
      }
    }
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }

  /** A filesystem root or the home folder is crawled only when it is clearly a project. */
  private async refuse(): Promise<string | undefined> {
    const real = await this.real();
    const home = path.resolve(os.homedir());
    const isFsRoot = path.parse(real).root === real;
    if (!isFsRoot && real !== home && this.root !== home) return undefined;
    for (const marker of MARKERS) {
      if (await fs.stat(path.join(this.root, marker)).then(() => true, () => false)) return undefined;
    }
    return `Not indexing ${this.root}: it is ${isFsRoot ? 'the filesystem root' : 'the home folder'} and has no ${MARKERS.join(' or ')}. Open the content repository's folder instead, or add pillarlink.json here.`;
  }

  /** The listFiles rules for one path: no skipped or dot-folders, no directory symlinks, not git-ignored. */
  async includes(rel: string): Promise<boolean> {
    const parts = rel.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..')) return false;
    const rules: { base: string; ig: Ignore }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (i > 0) {
        const name = parts[i - 1]!;
        if (name.startsWith('.') || SKIP_DIRS.has(name)) return false;
        const st = await fs.lstat(path.join(this.root, dir)).catch(() => undefined);
        if (!st || st.isSymbolicLink() || !st.isDirectory()) return false;
      }
      try {
        rules.push({ base: dir, ig: ignore().add(await fs.readFile(path.join(this.root, dir, '.gitignore'), 'utf8')) });
      } catch {
        // no .gitignore here
      }
      const sub = parts.slice(0, i + 1).join('/');
      if (ignored(rules, sub, i < parts.length - 1)) return false;
    }
    return true;
  }

  async readFile(rel: string): Promise<string | undefined> {
    const abs = path.resolve(this.root, rel);
    if (!isInside(this.root, abs)) return undefined;
    try {
      // Synchronous calls: pages are small (the size cap) and a sync read costs a tenth of the four
      // thread-pool round trips of fs.promises (measured on 1,259 pages: 120 ms vs 355 ms).
      // A listed page that is still the inode the listing reached through real folders (its final
      // component not followed if it became a symlink) needs no realpath; anything else does.
      const seen = this.listed.get(rel);
      const listedText = seen && readRegular(abs, constants.O_NOFOLLOW ?? 0, (st) => st.dev === seen.dev && st.ino === seen.ino);
      if (listedText !== undefined) return listedText;
      const real = realpathSync.native(abs);
      if (!isInside(await this.real(), real)) return undefined;
      return readRegular(real, 0, () => true);
    } catch {
      return undefined;
    }
  }
}

/**
 * The text of a regular file (a FIFO or a device would block the thread: opened without blocking and
 * checked on the descriptor) that `accept` admits; undefined otherwise or when it cannot be opened.
 */
function readRegular(file: string, flags: number, accept: (st: Stats) => boolean): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | flags);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    return st.isFile() && accept(st) ? decodeText(readFileSync(fd)) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function ignored(rules: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    if (ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}
