// Loads a CommonJS bundle with a V8 code cache, as Node 22's module.enableCompileCache() does for every
// module (Node 20, which Pillarlink supports, has no such switch). The bundles are 1–2 MB: compiling them
// and the functions a run calls costs ~60 ms of every CLI run and server start on a slow machine. The
// cache is written at exit, after the run compiled what it used, and written again only by a run that did
// much more work than the one that wrote it (a `--version` run must not leave a cache of the top level
// only); it is keyed by the bundle's text and the Node version, checked by a digest before use, and kept
// in a folder only this user can write.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const MAGIC = Buffer.from('PLCC2\n');
const DIGEST_BYTES = 20;
/** Header: magic, digest of the rest, CPU microseconds of the run that wrote it (8 bytes), then V8's data. */
const HEAD = MAGIC.length + DIGEST_BYTES;
/** A run that used this many times the CPU of the cache's writer writes it again (it compiled more). */
const REWRITE_FACTOR = 2;

/**
 * The folder of the code cache: `PILLARLINK_COMPILE_CACHE` when set (`0`, `off` or `false` turn the
 * cache off), else a per-user folder in the system's temporary folder (as NODE_COMPILE_CACHE's default).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.PILLARLINK_COMPILE_CACHE;
  if (v !== undefined && ['0', 'off', 'false'].includes(v.toLowerCase())) return undefined;
  if (v) return path.resolve(v);
  return path.join(os.tmpdir(), `pillarlink-compile-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
}

/** Whether `dir` is a folder that only this user can write (a shared temporary folder must not feed us code). */
function ownFolder(dir: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    return false;
  }
  if (!st.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

function digest(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

export interface CodeCache { data: Buffer; cpuMicros: number }

/** The stored code cache at `file`, when whole (magic, digest) and in a folder of this user's; else undefined. */
export function readCodeCache(file: string): CodeCache | undefined {
  if (!ownFolder(path.dirname(file))) return undefined;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length <= HEAD + 8 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const body = buf.subarray(HEAD);
  if (!digest(body).equals(buf.subarray(MAGIC.length, HEAD))) return undefined;
  return { cpuMicros: Number(body.readBigUInt64LE(0)), data: body.subarray(8) };
}

/** Stores `data` at `file` atomically (a temporary file renamed into place); failures are ignored. */
export function writeCodeCache(file: string, cache: CodeCache): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownFolder(dir)) return;
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const cpu = Buffer.alloc(8);
    cpu.writeBigUInt64LE(BigInt(Math.max(0, Math.round(cache.cpuMicros))));
    const body = Buffer.concat([cpu, cache.data]);
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, digest(body), body]), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A read-only or full disk costs only the cache.
  }
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Whether V8 took the stored code cache. */
  used: boolean;
  /** Where the cache of this bundle text lives (undefined without a cache folder). */
  cacheFile?: string;
  /** Stores the code compiled so far, unless the stored cache came from a run of comparable CPU time. */
  save(): void;
}

/**
 * Runs the CommonJS bundle `file` as a module, from a code cache in `dir` when one was stored for
 * exactly this text and Node; without `dir`, it is required as usual. The cache is saved at exit
 * unless `atExit` is false.
 */
export function loadBundle(file: string, dir: string | undefined, atExit = true): LoadedBundle {
  if (dir === undefined) return { exports: createRequire(__filename)(file) as Record<string, unknown>, used: false, save: () => {} };
  let source = fs.readFileSync(file, 'utf8');
  // A shebang line is not JavaScript inside the module wrapper; keep the line count.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const key = createHash('sha1').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 24);
  const cacheFile = path.join(dir, `${path.basename(file, '.js')}-${key}.bin`);
  const cached = readCodeCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cached ? { cachedData: cached.data } : {}) });
  const used = cached !== undefined && !script.cachedDataRejected;
  const save = () => {
    const { user, system } = process.cpuUsage();
    const cpuMicros = user + system;
    if (used && cpuMicros < REWRITE_FACTOR * cached.cpuMicros) return;
    writeCodeCache(cacheFile, { data: script.createCachedData(), cpuMicros });
  };
  // At exit, so that it holds the functions this run compiled, not only the top level.
  if (atExit) process.once('exit', save);
  const mod = new Module(file, module);
  mod.filename = file;
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { exports: mod.exports as Record<string, unknown>, used, cacheFile, save };
}
