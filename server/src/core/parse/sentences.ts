import type { Span } from '../types';

// Sentence boundaries: a terminal mark followed by space, a CJK full stop (no space follows
// it in CJK text), or a line break between blocks.
const BOUNDARY = /[.!?](?=\s|$)|[。！？]|\n\s*\n/g;

/** The sentence of `block` that contains `span`, as plain text (Markdown syntax removed). */
export function sentenceAround(text: string, block: Span, span: Span): string {
  const s = sentenceSpan(text, block, span);
  return plainText(text.slice(s.start, s.end));
}

/** How far around a link a sentence is looked for: keeps link-dense blocks linear, not quadratic. */
const WINDOW = 1000;

export function sentenceSpan(text: string, whole: Span, span: Span): Span {
  const block = { start: Math.max(whole.start, span.start - WINDOW), end: Math.min(whole.end, span.end + WINDOW) };
  const src = text.slice(block.start, block.end);
  let start = 0;
  let end = src.length;
  const rel = span.start - block.start;
  const relEnd = span.end - block.start;
  for (const m of src.matchAll(BOUNDARY)) {
    const b = m.index + m[0].length;
    // A boundary inside the link itself (e.g. "v1.2.") does not split the sentence.
    if (b <= rel) start = b;
    else if (m.index >= relEnd) { end = b; break; }
  }
  while (start < end && /\s/.test(src[start]!)) start++;
  return { start: block.start + start, end: block.start + end };
}

/** Strips the commonest inline Markdown/HTML/JSX syntax from a source slice. */
export function plainText(src: string): string {
  return src
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
