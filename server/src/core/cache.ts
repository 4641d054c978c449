// Persistent per-page facts cache: the contract between the core and a storage backend.
// Facts depend only on (file extension, text, parse options, tool version), so an entry is
// reused exactly when the content hash matches under the same tool version and options.
import type { ParseOptions } from './parse/page';
import type { PageFacts } from './types';

export interface FactsCache {
  /** Loads the stored entries made under these parse options (others are stale). */
  open(optionsKey: string): Promise<void>;
  /** Facts cached for this exact text of the file, or undefined. */
  get(file: string, text: string): PageFacts | undefined;
  /** Records the facts parsed from this text. */
  set(file: string, text: string, facts: PageFacts): void;
  /** Keeps only these files on the next write (deleted pages leave the cache). */
  retain(files: Iterable<string>): void;
  /** Writes pending changes; never throws (a cache is an optimisation). */
  flush(): Promise<void>;
}

/** A stable key of the options that change what parsePage extracts. */
export function parseOptionsKey(options: ParseOptions): string {
  return JSON.stringify([options.linkComponents, options.navigationComponents, options.relatedHeadings]);
}

const isSpan = (s: unknown): boolean =>
  typeof s === 'object' && s !== null && typeof (s as { start: unknown }).start === 'number' && typeof (s as { end: unknown }).end === 'number';

/**
 * Shape check of facts read back from storage: a checksum catches torn or damaged files, this
 * catches entries written by an incompatible build that slipped through the version key.
 */
export function isPageFacts(x: unknown, file: string): x is PageFacts {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Partial<PageFacts>;
  return p.file === file
    && typeof p.text === 'string' && typeof p.length === 'number' && typeof p.wordCount === 'number' && typeof p.bodyStart === 'number'
    && Array.isArray(p.links) && p.links.every((l) => typeof l?.url === 'string' && isSpan(l.span) && typeof l.placement === 'string')
    && Array.isArray(p.headings) && p.headings.every((h) => typeof h?.slug === 'string' && isSpan(h.span))
    && Array.isArray(p.definitions) && Array.isArray(p.anchors) && Array.isArray(p.problems) && Array.isArray(p.suppressions)
    && Array.isArray(p.lineStarts) && (p.frontmatter === null || typeof p.frontmatter === 'object');
}

/**
 * Parses many pages elsewhere; null declines (too few pages to be worth it) and they are parsed here.
 * `prepare`, when present, is told while pages are still being read how much text needs parsing so
 * far (characters), so that workers can start before the reading ends.
 */
export type ParseMany = ((items: { file: string; text: string }[], options: ParseOptions, onDone?: (done: number) => void) => Promise<PageFacts[]> | null) & {
  prepare?: (chars: number) => void;
};

export interface LoadPagesInput {
  files: readonly string[];
  read: (file: string) => Promise<string | undefined>;
  /** False for texts that must not be parsed (size cap, binary). */
  admits: (file: string, text: string) => boolean;
  options: ParseOptions;
  parse: (file: string, text: string, options: ParseOptions) => PageFacts;
  cache?: FactsCache | undefined;
  /** Parses many pages elsewhere (a worker pool); absent: in this thread, yielding between pages. */
  parseMany?: ParseMany | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Reads in flight at once: one read at a time leaves the disk and the thread pool mostly waiting. */
const READ_AHEAD = 32;

/** Gives pending I/O and requests a turn; the cold index runs in slices of about this many ms. */
const SLICE_MS = 20;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Reads and parses pages for a full load: cached facts where the text is unchanged, the rest
 * parsed (by `parseMany` or here in slices that yield to the event loop). Returns facts in `files` order.
 */
export async function loadPages(input: LoadPagesInput): Promise<Map<string, PageFacts>> {
  const { files, cache, options, onProgress } = input;
  if (cache) await cache.open(parseOptionsKey(options));
  const total = files.length;
  const found = new Map<string, PageFacts>();
  const misses: { file: string; text: string }[] = [];
  let done = 0;
  let sliceStart = Date.now();
  const tick = async (n: number) => {
    const before = done;
    done += n;
    if (onProgress && (Math.floor(done / 50) !== Math.floor(before / 50) || done === total)) onProgress(done, total);
    if (Date.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  };
  const reads: (Promise<string | undefined> | undefined)[] = [];
  let issued = 0;
  let missChars = 0;
  for (let i = 0; i < files.length; i++) {
    // Reads run ahead of the loop, in listing order; each is awaited and dropped in turn.
    for (; issued < files.length && issued < i + READ_AHEAD; issued++) reads[issued] = input.read(files[issued]!);
    const file = files[i]!;
    const text = await reads[i];
    reads[i] = undefined;
    if (text === undefined || !input.admits(file, text)) { await tick(1); continue; }
    const hit = cache?.get(file, text);
    if (hit) { found.set(file, hit); await tick(1); continue; }
    missChars += text.length;
    input.parseMany?.prepare?.(missChars);
    misses.push({ file, text });
  }
  let reported = 0;
  const elsewhere = misses.length > 0 ? input.parseMany?.(misses, options, (n) => { void tick(n - reported); reported = n; }) : null;
  if (elsewhere) {
    const facts = await elsewhere;
    misses.forEach((m, i) => found.set(m.file, facts[i]!));
  } else {
    for (const m of misses) {
      found.set(m.file, input.parse(m.file, m.text, options));
      await tick(1);
    }
  }
  if (cache) {
    for (const m of misses) cache.set(m.file, m.text, found.get(m.file)!);
    cache.retain(found.keys());
    await cache.flush();
  }
  // Keep the listing order: the model and the findings do not depend on which page parsed first.
  const ordered = new Map<string, PageFacts>();
  for (const file of files) { const f = found.get(file); if (f) ordered.set(file, f); }
  return ordered;
}
