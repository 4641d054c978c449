import type { Position, Range, Span } from './types';

/** Removes a leading byte-order mark; positions are always relative to the text without it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line start offsets. `\r\n`, `\r` and `\n` each end a line, as LSP specifies. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function positionAt(lineStarts: readonly number[], length: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - lineStarts[lo]! };
}

export function offsetAt(lineStarts: readonly number[], length: number, text: string | undefined, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lineStarts.length) return length;
  const start = lineStarts[pos.line]!;
  let end = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1]! : length;
  // Never point between \r and \n or past the line's end.
  if (text !== undefined) {
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  }
  return Math.max(start, Math.min(start + pos.character, end));
}

export function spanToRange(lineStarts: readonly number[], length: number, span: Span): Range {
  return { start: positionAt(lineStarts, length, span.start), end: positionAt(lineStarts, length, span.end) };
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const le = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return le(a.start, b.end) && le(b.start, a.end);
}
