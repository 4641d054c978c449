// A worker_threads pool that runs indexPage (the fast scanner, else parsePage) off the main thread. Files are scheduled largest
// first by size, so one huge page does not start last and leave the other workers idle. The calling thread parses too, from
// the small end of the queue, in slices that yield to the event loop (worker replies and requests get their turn).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParseMany } from '../core/cache';
import type { ParseOptions } from '../core/parse/page';
import { indexPage } from '../core/parse/fastScan';
import type { PageFacts } from '../core/types';

export interface ParseItem { file: string; text: string }
export interface ParseRequest { id: number; file: string; text: string; options: ParseOptions }
export interface ParseReply { id: number; facts?: PageFacts; error?: string }

/** The bundled worker script next to this bundle (out/parseWorker.js), if it was built. */
export function defaultWorkerScript(): string | undefined {
  const candidates = [path.join(__dirname, 'parseWorker.js'), path.join(__dirname, '..', '..', '..', 'out', 'parseWorker.js')];
  return candidates.find((c) => fs.existsSync(c));
}

/** Workers worth starting on this machine: one core stays with the main thread, which parses alongside them. */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Text to parse below which a worker costs more than it saves. A worker pays a fixed price — loading
 * its bundle and warming up the parser's JIT a second time (1–1.5 s of CPU measured on 2 cores) —
 * plus copying every page's facts back; this thread parses ~6 MB/s when cold, so splitting the work
 * in two only wins well above ~15 MB (docusaurus, 5 MB: 1.8 s alone vs 2.4 s with a worker;
 * MDN, 57 MB: 14.4 s alone vs 11.0 s).
 */
export const MIN_CHARS_FOR_WORKERS = 20 * 1024 * 1024;

/** Text kept in flight per worker: a few slices' worth of parsing (the scanner reads ~5 MB/s). */
const IN_FLIGHT_CHARS = 256 * 1024;

/** How long the calling thread parses before it yields to worker replies and other events. */
const HERE_SLICE_MS = 15;
const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ParsePool {
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private closed = false;

  /** `parseHere`: whether the calling thread takes a share of the pages (the default). */
  constructor(readonly size: number, private readonly script: string, private readonly parseHere = true) {}

  /** Starts the workers (they load their script while the caller goes on); parseMany does it too. */
  start(): void {
    while (this.workers.length < this.size) {
      const w = new Worker(this.script);
      w.unref();
      this.workers.push(w);
    }
  }

  /** Parses every item; results are in the order of `items`. Falls back to this thread if a worker dies. */
  async parseMany(items: readonly ParseItem[], options: ParseOptions, onDone?: (done: number) => void): Promise<PageFacts[]> {
    if (this.closed) throw new Error('The parse pool was closed.');
    const results: PageFacts[] = new Array(items.length);
    if (items.length === 0) return results;
    this.start();
    const order = items.map((_, i) => i).sort((a, b) => items[b]!.text.length - items[a]!.text.length);
    // Workers take from the front (largest first), this thread from the back; they meet in the middle.
    let next = 0;
    let last = order.length - 1;
    let done = 0;
    const finish = (i: number, facts: PageFacts) => {
      results[i] = facts;
      done++;
      onDone?.(done);
    };
    const here = async () => {
      if (!this.parseHere) return;
      let sliceStart = Date.now();
      while (next <= last) {
        const i = order[last--]!;
        finish(i, indexPage(items[i]!.file, items[i]!.text, options));
        if (Date.now() - sliceStart >= HERE_SLICE_MS) {
          await yieldNow();
          sliceStart = Date.now();
        }
      }
    };
    await Promise.all([here(), ...this.workers.map((w) => new Promise<void>((resolve) => {
      const pending = new Map<number, number>();
      let pendingChars = 0;
      let dead = false;
      const pump = () => {
        // At least two requests in flight, and enough text to keep the worker busy while this thread
        // parses a slice before it reads the replies (small pages: MDN's 14k left a worker idle 40 %).
        while (!dead && (pending.size < 2 || pendingChars < IN_FLIGHT_CHARS) && next <= last) {
          const i = order[next++]!;
          const id = this.nextId++;
          pending.set(id, i);
          pendingChars += items[i]!.text.length;
          const req: ParseRequest = { id, file: items[i]!.file, text: items[i]!.text, options };
          w.postMessage(req);
        }
        if (pending.size === 0 || dead) cleanup();
      };
      const onMessage = (m: ParseReply) => {
        const i = pending.get(m.id);
        if (i === undefined) return;
        pending.delete(m.id);
        pendingChars -= items[i]!.text.length;
        finish(i, m.facts ?? indexPage(items[i]!.file, items[i]!.text, options));
        pump();
      };
      const onError = () => {
        // The worker is gone: parse what it held here, leave the rest of the queue to the others.
        dead = true;
        for (const i of pending.values()) finish(i, indexPage(items[i]!.file, items[i]!.text, options));
        pending.clear();
        const at = this.workers.indexOf(w);
        if (at >= 0) this.workers.splice(at, 1);
        cleanup();
      };
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onError);
        resolve();
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onError);
      pump();
    }))]);
    // Items nobody took (every worker died and this thread does not parse): parse them here.
    for (; next <= last; next++) { const i = order[next]!; finish(i, indexPage(items[i]!.file, items[i]!.text, options)); }
    return results;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

/**
 * A ParseMany for Project: a pool of `count` workers, used for loads of at least
 * MIN_CHARS_FOR_WORKERS characters of text (smaller loads are parsed in the calling thread). Undefined when
 * `count` is 0 or the worker script was not built.
 */
export function createParseMany(count: number, script: string | undefined = defaultWorkerScript()): { parseMany: ParseMany; close(): Promise<void> } | undefined {
  if (count <= 0 || !script) return undefined;
  let pool: ParsePool | undefined;
  const parseMany: ParseMany = (items, options, onDone) => {
    let chars = 0;
    for (const i of items) chars += i.text.length;
    if (chars < MIN_CHARS_FOR_WORKERS) return null;
    pool ??= new ParsePool(count, script);
    return pool.parseMany(items, options, onDone);
  };
  parseMany.prepare = (chars) => {
    if (chars < MIN_CHARS_FOR_WORKERS) return;
    pool ??= new ParsePool(count, script);
    pool.start();
  };
  return {
    parseMany,
    close: async () => { await pool?.close(); pool = undefined; },
  };
}
