// Checked files for the caches: a value serialised behind a magic line and a SHA-1 checksum of the
// rest, written whole to a temporary file and renamed into place (readers never see a torn file;
// concurrent writers each leave a complete one). Node built-ins only: the CLI's warm start reads
// these before loading the analysis bundle.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';

const SUM_BYTES = 20;

/** The results cache's files (NodeResultsCache): `{ key, value }`. */
export const RESULTS_MAGIC = Buffer.from('PLRESULTS1\n');

/** `value` serialised behind `magic` and a SHA-1 checksum of the serialised bytes. */
export function encodeChecked(magic: Buffer, value: unknown): Buffer {
  const body = serialize(value);
  return Buffer.concat([magic, createHash('sha1').update(body).digest(), body]);
}

/** The value of encodeChecked; undefined for another format, a damaged file or one that cannot be read back. */
export function decodeChecked(magic: Buffer, buf: Buffer): unknown {
  if (buf.length < magic.length + SUM_BYTES || !buf.subarray(0, magic.length).equals(magic)) return undefined;
  const sum = buf.subarray(magic.length, magic.length + SUM_BYTES);
  const body = buf.subarray(magic.length + SUM_BYTES);
  if (!createHash('sha1').update(body).digest().equals(sum)) return undefined;
  try {
    return deserialize(body);
  } catch {
    return undefined;
  }
}

/** Writes a temporary file and renames it into place: readers never see a torn file. */
export async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}

/** The name of a per-folder cache file: `<kind>-<hash of the folder's absolute path>.bin`. */
export function folderCacheFile(cacheDir: string, root: string, kind: string): string {
  return path.join(cacheDir, `${kind}-${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}.bin`);
}
