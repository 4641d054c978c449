// The warm start of `pillarlink check --cache-dir`: out/cli.js answers an unchanged workspace from the
// stored output before it loads the analysis bundle (whose load is most of a warm run on a small
// site). A run that printed an output records what its inputs were on disk — the stamp (device,
// inode, size, modification and change times) of every folder it listed, every page, every file it
// read, and of the tool itself — and the key of the results it stored for them. The next run checks
// those stamps only: a folder's stamp changes when an entry is added, removed or renamed in it, a
// file's when it is written (as git's index and untracked cache rely on). Anything it cannot vouch
// for writes no record (a symlink followed, a folder it could not list, a file changed in the two
// seconds before the run), and any difference sends the run down the full path, which answers from
// the results cache or computes. Node built-ins only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_FORMATS, checkExitCode, checkView, FAIL_ON, type CheckFormat } from '../cli/view';
import { decodeChecked, encodeChecked, folderCacheFile, RESULTS_MAGIC, writeAtomically } from './checked';

const MAGIC = Buffer.from('PLWARM1\n');
/** A file or folder changed this shortly before a run may change again within its timestamp's resolution. */
const RACY_MS = 2000;

interface Record { key: string; tool: string; dirs: [string, string][]; files: [string, string][]; notes: string[] }

/** The stamp of a file or folder (following symlinks), as the listing stamps pages; undefined when absent. */
export function stampOf(abs: string): { stamp: string; settledBefore(t: number): boolean; isDirectory: boolean } | undefined {
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  if (!st) return undefined;
  return {
    stamp: `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`,
    settledBefore: (t) => st.mtimeMs < t && st.ctimeMs < t,
    isDirectory: st.isDirectory(),
  };
}

/** The tool that printed: Node, and the CLI's loader and bundle in `binDir` (a rebuild changes their stamps). */
function toolStamp(binDir: string): string | undefined {
  const loader = stampOf(path.join(binDir, 'cli.js'));
  const bundle = stampOf(path.join(binDir, 'cli-main.js'));
  return loader && bundle ? `${process.version}|${process.arch}|${loader.stamp}|${bundle.stamp}` : undefined;
}

export const warmRecordFile = (cacheDir: string, root: string): string => folderCacheFile(cacheDir, root, 'warm');

export interface WarmInputs {
  /** The results key the printed output was stored under (without the view). */
  key: string;
  /** When the run began reading its inputs (ms since the epoch). */
  startedAt: number;
  /** The listing's folders and .gitignore files (NodeWorkspace.walk). */
  walk: { dirs: string[]; gitignores: string[]; plain: boolean } | undefined;
  /** Project.inputFiles(). */
  files: { reads: ReadonlyMap<string, boolean>; pages: readonly string[]; stamps: ReadonlyMap<string, string> } | undefined;
  /** What the CLI logged while reading the inputs ("Skipped …: over the size cap"): said again by a warm start. */
  notes?: readonly string[];
}

/**
 * Records the stamps of what the run read, for the next run's warm start; removes the record when
 * the run cannot vouch for its inputs. Never throws.
 */
export async function writeWarmRecord(cacheDir: string, root: string, inputs: WarmInputs, binDir: string): Promise<void> {
  const file = warmRecordFile(cacheDir, root);
  try {
    const record = recordOf(root, inputs, binDir);
    if (record) await writeAtomically(file, encodeChecked(MAGIC, record));
    else fs.rmSync(file, { force: true });
  } catch {
    // A read-only or full cache folder costs only the warm start.
  }
}

function recordOf(root: string, { key, startedAt, walk, files, notes = [] }: WarmInputs, binDir: string): Record | undefined {
  if (!walk?.plain || !files || key === '') return undefined;
  const tool = toolStamp(binDir);
  if (!tool) return undefined;
  const before = startedAt - RACY_MS;
  const abs = absolute(root);
  const dirs: [string, string][] = [];
  for (const d of walk.dirs) {
    const s = stampOf(abs(d));
    if (!s?.isDirectory || !s.settledBefore(before)) return undefined;
    dirs.push([d, s.stamp]);
  }
  const listed = new Set(walk.dirs);
  const out = new Map<string, string>();
  const add = (rel: string): boolean => {
    if (out.has(rel)) return true;
    const s = stampOf(abs(rel));
    if (!s || s.isDirectory || !s.settledBefore(before)) return false;
    out.set(rel, s.stamp);
    return true;
  };
  for (const g of walk.gitignores) if (!add(g)) return undefined;
  for (const [p, present] of files.reads) {
    if (present) {
      if (!add(p)) return undefined;
    } else {
      // An absent file stays absent while the folder that would hold it keeps its stamp.
      const parent = path.posix.dirname(p);
      if (p.startsWith('../') || !listed.has(parent === '.' ? '' : parent)) return undefined;
    }
  }
  for (const p of files.pages) {
    const stamp = files.stamps.get(p);
    if (stamp !== undefined) out.set(p, stamp);
    else if (!add(p)) return undefined;
  }
  return { key, tool, dirs, files: [...out], notes: [...notes] };
}

/** Absolute paths of root-relative ones ('' is the root); concatenation where '/' is the separator (14k pages). */
function absolute(root: string): (rel: string) => string {
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  if (path.sep === '/') return (rel) => (rel === '' ? root : `${prefix}${rel}`);
  return (rel) => (rel === '' ? root : `${prefix}${rel.split('/').join(path.sep)}`);
}

/** Whether every stamp in `record` is still what is on disk under `root`. */
function unchanged(root: string, record: Record, binDir: string): boolean {
  if (record.tool !== toolStamp(binDir)) return false;
  const abs = absolute(root);
  for (const [rel, stamp] of record.dirs) if (stampOf(abs(rel))?.stamp !== stamp) return false;
  for (const [rel, stamp] of record.files) if (stampOf(abs(rel))?.stamp !== stamp) return false;
  return true;
}

function isRecord(v: unknown): v is Record {
  const r = v as Record | undefined;
  return typeof r?.key === 'string' && typeof r.tool === 'string' && Array.isArray(r.dirs) && Array.isArray(r.files) && Array.isArray(r.notes) && r.notes.every((n) => typeof n === 'string');
}

/**
 * Serves `pillarlink check <root> --cache-dir DIR …` (argv as given to the binary) from the stored
 * output when the warm record says nothing it read has changed: writes the output (and to `warn`
 * what reading the inputs logged) and returns the exit code. Returns undefined, having written nothing, for any other command line (other commands,
 * `--config`, options it does not know, invalid values: the full CLI answers those) or state.
 */
export function serveWarmCheck(argv: string[], binDir: string, write: (s: string) => void, warn: (s: string) => void = () => {}): number | undefined {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'fail-on': { type: 'string' }, 'cache-dir': { type: 'string' }, workers: { type: 'string' } },
    }));
  } catch {
    return undefined;
  }
  const [command, ...rest] = positionals;
  if (command !== 'check' || rest.length > 1 || values['cache-dir'] === undefined) return undefined;
  const format = (values.format ?? 'text') as CheckFormat;
  const failOn = (values['fail-on'] ?? 'error') as (typeof FAIL_ON)[number];
  if (!CHECK_FORMATS.includes(format) || !FAIL_ON.includes(failOn)) return undefined;
  if (values.workers !== undefined && !/^\d+$/.test(values.workers)) return undefined;
  try {
    const root = path.resolve(rest[0] ?? '.');
    const cacheDir = path.resolve(values['cache-dir']);
    const record = decodeChecked(MAGIC, fs.readFileSync(warmRecordFile(cacheDir, root)));
    if (!isRecord(record) || !unchanged(root, record, binDir)) return undefined;
    const stored = decodeChecked(RESULTS_MAGIC, fs.readFileSync(folderCacheFile(cacheDir, root, 'results-rendered'))) as { key?: unknown; value?: { chunks?: unknown; worst?: unknown } } | undefined;
    const output = stored?.key === `${record.key}\n${checkView(format)}` ? stored.value : undefined;
    if (!Array.isArray(output?.chunks) || typeof output.worst !== 'number' || !output.chunks.every((c) => typeof c === 'string')) return undefined;
    for (const n of record.notes) warn(`pillarlink: ${n}\n`);
    for (const c of output.chunks as string[]) write(c);
    return checkExitCode(output.worst, failOn);
  } catch {
    return undefined;
  }
}
