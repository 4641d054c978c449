// The facts cache on disk: one file per workspace folder, written whole to a temporary file and
// renamed into place (readers never see a torn file; concurrent writers each leave a complete one),
// with a SHA-1 checksum over the payload (a damaged file is ignored, never trusted).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPageFacts, type FactsCache } from '../core/cache';
import type { PageFacts } from '../core/types';
import { VERSION } from '../version';
import { decodeChecked, encodeChecked, folderCacheFile, RESULTS_MAGIC, writeAtomically } from './checked';

const MAGIC = Buffer.from('PLFACTS1\n');

interface Entry { hash: string; facts: PageFacts }
interface Payload { key: string; entries: [string, string, PageFacts][] }

let build: string | undefined;
/**
 * The parser's build: it can change between builds of one version (development), and facts of an
 * older parser must not be served. The worker bundle next to this one holds exactly the parser, so
 * the CLI and the language server share entries; from sources, this file stands in.
 */
function buildId(): string {
  if (build === undefined) {
    // The parser bundle (out/parseWorker-main.js; out/parseWorker.js is its loader).
    const worker = path.join(__dirname, 'parseWorker-main.js');
    try {
      build = createHash('sha1').update(fs.readFileSync(fs.existsSync(worker) ? worker : __filename)).digest('hex').slice(0, 16);
    } catch {
      build = 'unknown';
    }
  }
  return build;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** Where the cache of a workspace folder lives inside a cache directory. */
export function cacheFileFor(cacheDir: string, root: string): string {
  return folderCacheFile(cacheDir, root, 'facts');
}

/** Encodes a payload with its checksum (exported for tests). */
export function encodeCache(payload: Payload): Buffer {
  return encodeChecked(MAGIC, payload);
}

/** Decodes a cache file; undefined when it is not one, is damaged or cannot be read back. */
export function decodeCache(buf: Buffer): Payload | undefined {
  const p = decodeChecked(MAGIC, buf) as Payload | undefined;
  return typeof p?.key === 'string' && Array.isArray(p.entries) ? p : undefined;
}

export class NodeFactsCache implements FactsCache {
  private entries = new Map<string, Entry>();
  private key = '';
  private dirty = false;
  private keep: Set<string> | undefined;
  hits = 0;
  misses = 0;

  constructor(readonly file: string, private readonly log: (m: string) => void = () => {}) {}

  static forFolder(cacheDir: string, root: string, log?: (m: string) => void): NodeFactsCache {
    return new NodeFactsCache(cacheFileFor(cacheDir, root), log);
  }

  async open(optionsKey: string): Promise<void> {
    const key = `${VERSION}|build ${buildId()}|v8 ${process.versions.v8}|${optionsKey}`;
    if (key === this.key) return;
    this.key = key;
    this.entries = new Map();
    this.dirty = false;
    let buf: Buffer;
    try {
      buf = await fs.promises.readFile(this.file);
    } catch {
      return;
    }
    const payload = decodeCache(buf);
    if (!payload) {
      this.log(`Ignored the cache ${this.file}: it is damaged or not a Pillarlink cache; it will be rewritten.`);
      this.dirty = true;
      return;
    }
    // Another tool version or other parse options: every entry is stale.
    if (payload.key !== key) { this.dirty = true; return; }
    for (const [file, hash, facts] of payload.entries) if (isPageFacts(facts, file)) this.entries.set(file, { hash, facts });
  }

  get(file: string, text: string): PageFacts | undefined {
    const e = this.entries.get(file);
    if (e && e.hash === contentHash(text)) { this.hits++; return e.facts; }
    this.misses++;
    return undefined;
  }

  set(file: string, text: string, facts: PageFacts): void {
    this.entries.set(file, { hash: contentHash(text), facts });
    this.dirty = true;
  }

  retain(files: Iterable<string>): void {
    this.keep = new Set(files);
    for (const f of this.entries.keys()) if (!this.keep.has(f)) { this.entries.delete(f); this.dirty = true; }
  }

  async flush(): Promise<void> {
    if (!this.dirty || this.key === '') return;
    const entries: Payload['entries'] = [];
    for (const [file, e] of this.entries) if (!this.keep || this.keep.has(file)) entries.push([file, e.hash, e.facts]);
    try {
      await writeAtomically(this.file, encodeCache({ key: this.key, entries }));
      this.dirty = false;
    } catch (e) {
      this.log(`Could not write the cache ${this.file}: ${(e as Error).message}`);
    }
  }
}

let runningBuild: string | undefined;

/**
 * The analysis of an unchanged workspace, stored whole: when every input the project read (config,
 * listing, site configs, Search Console exports, page texts) and the running build are the same,
 * the findings are served without parsing or analysing anything. One file per folder and kind
 * (what the caller stores), written like the facts cache: checksummed, temp file + rename.
 */
export class NodeResultsCache<T> {
  constructor(readonly file: string, private readonly log: (m: string) => void = () => {}) {}

  static forFolder<T>(cacheDir: string, root: string, kind: string, log?: (m: string) => void): NodeResultsCache<T> {
    return new NodeResultsCache<T>(folderCacheFile(cacheDir, root, `results-${kind}`), log);
  }

  /** The key of a workspace state: the inputs' parts (Project.inputParts) under this tool build. */
  static keyOf(parts: Iterable<string>): string {
    if (runningBuild === undefined) {
      // The rules live in the running bundle (cli.js, server.js): a rebuild changes the key.
      try { runningBuild = createHash('sha1').update(fs.readFileSync(__filename)).digest('hex'); } catch { runningBuild = 'unknown'; }
    }
    const h = createHash('sha1').update(`${VERSION}|${runningBuild}|${process.versions.v8}|`);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  /** The value stored under `key`, or undefined (missing, damaged, other key). */
  async get(key: string): Promise<T | undefined> {
    let buf: Buffer;
    try {
      buf = await fs.promises.readFile(this.file);
    } catch {
      return undefined;
    }
    const p = decodeChecked(RESULTS_MAGIC, buf) as { key?: unknown; value?: T } | undefined;
    if (p === undefined) this.log(`Ignored the results cache ${this.file}: it is damaged or not a Pillarlink cache; it will be rewritten.`);
    return p?.key === key ? p.value : undefined;
  }

  /** Stores `value` under `key` (replacing the previous state); never throws. */
  async set(key: string, value: T): Promise<void> {
    try {
      await writeAtomically(this.file, encodeChecked(RESULTS_MAGIC, { key, value }));
    } catch (e) {
      this.log(`Could not write the results cache ${this.file}: ${(e as Error).message}`);
    }
  }
}
