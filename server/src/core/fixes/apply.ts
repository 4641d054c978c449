import type { FileEdit } from './types';

/** Applies non-overlapping edits of one file to its text (edits of other files are ignored). */
export function applyEdits(text: string, edits: readonly FileEdit[], file?: string): string {
  const mine = edits.filter((e) => file === undefined || e.file === file).sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let limit = Infinity;
  for (const e of mine) {
    if (e.span.end > limit) throw new Error(`Overlapping edits at offset ${e.span.start}`);
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}
