// Guards against input that makes micromark take minutes or overflow the stack (measured on
// this project's 2-core machine: 400 nested blockquote lines take 4 s, 10k nested `>` overflow,
// 2,000 `*` in a row take 1.5 s and grow quadratically). Offending text is blanked with spaces of
// the same length, so every offset of the rest of the page stays exact, and each kind of
// problem is reported once, at its first line.
import type { ParseProblem } from '../types';

export const PARSE_LIMITS = {
  /** Characters on one line. */
  maxLineLength: 100_000,
  /** Nested blockquotes and list items opened on one line (or by its indentation). */
  maxNesting: 32,
  /** A run of one delimiter character (`*`, `_`, `[`, `]`, `<`, `>`, `{`, `}`, `` ` ``, `~`). */
  maxDelimiterRun: 256,
  /** Nested JSX/HTML tags in MDX. */
  maxTagNesting: 256,
};

const DELIMITER_RUN = new RegExp(String.raw`([*_\[\]<>{}\x60~])\1{${PARSE_LIMITS.maxDelimiterRun},}`, 'g');

interface Hit { line: number; start: number; count: number; detail: string }

/** Returns the text with pathological lines or runs blanked, and one problem per kind. */
export function neutralizePathological(text: string): { text: string; problems: ParseProblem[] } {
  // The common case costs one pass and allocates nothing.
  if (!mayBePathological(text)) return { text, problems: [] };
  const parts: string[] = [];
  const hits = new Map<string, Hit>();
  const hit = (kind: string, line: number, start: number, detail: string) => {
    const h = hits.get(kind);
    if (h) h.count++;
    else hits.set(kind, { line, start, count: 1, detail });
  };
  let pos = 0;
  let line = 0;
  for (;;) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let eol = end;
    if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) eol += 2;
    else if (eol < text.length) eol += 1;
    let content = text.slice(pos, end);
    if (content.length > PARSE_LIMITS.maxLineLength) {
      hit('line', line, pos, `is ${content.length} characters long (limit ${PARSE_LIMITS.maxLineLength})`);
      content = ' '.repeat(content.length);
    } else {
      const depth = nesting(content);
      if (depth > PARSE_LIMITS.maxNesting) {
        hit('nesting', line, pos, `nests ${depth} blockquotes or list items (limit ${PARSE_LIMITS.maxNesting})`);
        content = ' '.repeat(content.length);
      } else {
        DELIMITER_RUN.lastIndex = 0;
        const first = DELIMITER_RUN.exec(content);
        if (first) {
          hit('run', line, pos + first.index, `repeats "${first[1]}" ${first[0].length} times (limit ${PARSE_LIMITS.maxDelimiterRun})`);
          content = content.replace(DELIMITER_RUN, (m) => ' '.repeat(m.length));
        }
      }
    }
    parts.push(content, text.slice(end, eol));
    if (eol >= text.length) break;
    pos = eol;
    line++;
  }
  const out = parts.join('');
  const problems: ParseProblem[] = [];
  for (const h of hits.values()) {
    const more = h.count > 1 ? ` (and ${h.count - 1} more lines like it)` : '';
    problems.push({ kind: 'parse-error', message: `Line ${h.line + 1} ${h.detail}: it was left out of the analysis${more}. Split or flatten it.`, span: { start: h.start, end: Math.min(text.length, h.start + (isHighSurrogate(text.charCodeAt(h.start)) ? 2 : 1)) } });
  }
  return { text: out.length === text.length ? out : text, problems };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Cheap pre-check: any long line, deep `>`/list prefix or long delimiter run at all. */
function mayBePathological(text: string): boolean {
  const maxLine = PARSE_LIMITS.maxLineLength;
  const maxRun = PARSE_LIMITS.maxDelimiterRun;
  const maxNesting = PARSE_LIMITS.maxNesting;
  let lineLen = 0;
  let run = 1;
  let prev = -1;
  let prefixDepth = 0;
  let inPrefix = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) { lineLen = 0; run = 1; prev = c; prefixDepth = 0; inPrefix = true; continue; }
    if (++lineLen > maxLine) return true;
    if (c === prev) { if (++run > maxRun) return true; } else run = 1;
    prev = c;
    if (inPrefix) {
      if (c === 62 /* > */ || c === 45 /* - */ || c === 42 /* * */ || c === 43 /* + */) prefixDepth++;
      else if (c === 32 || c === 9) prefixDepth += 0.5;
      else if (!(c >= 48 && c <= 57) && c !== 46 && c !== 41) inPrefix = false;
      if (prefixDepth > maxNesting) return true;
    }
  }
  return false;
}

/** Containers a line opens: `>` and list markers in its prefix, and nesting implied by indentation. */
function nesting(line: string): number {
  let depth = 0;
  let indent = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ') { indent++; i++; continue; }
    if (c === '\t') { indent += 4; i++; continue; }
    if (c === '>') { depth++; i++; continue; }
    const m = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11));
    if (!m) break;
    depth++;
    i += m[0].length;
  }
  // Indentation only nests when the line opens a container (an indented code line does not).
  return depth === 0 ? 0 : depth + Math.floor(indent / 2);
}

/** The deepest tag nesting of an MDX text and where it first passes the limit, or undefined. */
export function tooDeepTags(text: string): { offset: number; depth: number } | undefined {
  let depth = 0;
  let lt = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 60) lt++;
  if (lt <= PARSE_LIMITS.maxTagNesting) return undefined;
  const TAG = /<(\/?)[A-Za-z][\w.:-]*(?:[^<>]*?)(\/?)>/g;
  for (const m of text.matchAll(TAG)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[2]) depth++;
    if (depth > PARSE_LIMITS.maxTagNesting) return { offset: m.index, depth };
  }
  return undefined;
}
