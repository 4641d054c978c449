import type { Span } from '../types';

// Sentence boundaries: a terminal mark followed by space, a CJK full stop (no space follows
// it in CJK text), or a line break between blocks.
const BOUNDARY = /[.!?](?=\s|$)|[。！？]|\n\s*\n/g;

/** How far around a link a sentence is looked for: a run-on "sentence" (a link list written as one paragraph) stays short. */
const WINDOW = 1000;

/**
 * The sentences of a page's blocks: each block's boundaries are found once (one pass of BOUNDARY
 * over the block), then every link's sentence is two binary searches, however many links the
 * block holds (release notes put hundreds in one list).
 */
export class SentenceIndex {
  private block: Span | undefined;
  /** Boundary matches of `block`, absolute offsets: match starts and match ends, ascending. */
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly text: string) {}

  /** The span of the sentence of `block` that contains `span`, leading whitespace skipped. */
  spanOf(block: Span, span: Span): Span {
    if (this.block?.start !== block.start || this.block.end !== block.end) this.index(block);
    let start = Math.max(block.start, span.start - WINDOW);
    let end = Math.min(block.end, span.end + WINDOW);
    // The last boundary ending at or before the link opens the sentence (a boundary inside the link, "v1.2.", does not split it).
    const i = upperBound(this.ends, span.start) - 1;
    if (i >= 0 && this.ends[i]! > start) start = this.ends[i]!;
    // The first boundary starting at or after the link's end closes it.
    const j = lowerBound(this.starts, span.end);
    if (j < this.starts.length && this.ends[j]! < end) end = this.ends[j]!;
    while (start < end && /\s/.test(this.text[start]!)) start++;
    return { start, end };
  }

  private index(block: Span): void {
    this.block = block;
    this.starts = [];
    this.ends = [];
    const src = this.text.slice(block.start, block.end);
    for (const m of src.matchAll(BOUNDARY)) {
      this.starts.push(block.start + m.index);
      this.ends.push(block.start + m.index + m[0].length);
    }
  }
}

/** First index whose value is ≥ x. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid]! < x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** First index whose value is > x. */
function upperBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid]! <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Strips the commonest inline Markdown/HTML/JSX syntax from a source slice. */
export function plainText(src: string): string {
  // Each pass runs only when its syntax can be present (most sentences hold one link and no more).
  let s = src;
  if (s.includes('![')) s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('](')) s = s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  if (s.includes('][')) s = s.replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  if (s.includes('<')) s = s.replace(/<[^>]+>/g, '');
  s = s.replace(/[*_`~]+/g, '');
  if (LINE_START_SYNTAX.test(s)) {
    s = s.replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '').replace(/^\s*#+\s*/gm, '');
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** A list marker or heading mark at the start or after a line break (what the two /gm passes remove). */
const LINE_START_SYNTAX = /(?:^|[\n\r\u2028\u2029])\s*(?:[-*+]|\d+[.)]|#)/;
