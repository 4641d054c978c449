// Positions of keys and values in a page's frontmatter, found by scanning its source lines.
// The parsed data says what a key holds; this says where it is written, so findings can point at
// `role: tutoral` and code actions can rewrite or insert a value without reformatting the block.
// Supports YAML (`---`) block mappings, one-line flow mappings (`seo: { role: x }`) and simple TOML (`+++`).
import type { Span } from './types';

export interface FrontmatterBlock {
  format: 'yaml' | 'toml';
  /** Offset where the first line after the opening fence starts. */
  contentStart: number;
  /** Offset where the closing fence line starts (insert new lines here). */
  contentEnd: number;
  /** The line ending the block uses. */
  eol: string;
}

export type ValueKind = 'plain' | 'quoted' | 'flow' | 'block' | 'empty';

export interface FrontmatterField {
  /** Span of the key's last segment (without quotes). */
  keySpan: Span;
  /** Span of the value: inside the quotes for quoted scalars, the whole `[...]`/`{...}` for flow collections, empty for block or missing values. */
  valueSpan: Span;
  valueKind: ValueKind;
  /** Span of the whole line holding the key, line ending included (for deletion). */
  lineSpan: Span;
  /** Column of the key. */
  indent: number;
}

interface Line { start: number; end: number; next: number; text: string }

function linesOf(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let i = from;
  while (i < to) {
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    let next = end;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    out.push({ start: i, end, next, text: text.slice(i, end) });
    if (next === end) break;
    i = next;
  }
  return out;
}

/** Finds the frontmatter block at the start of a page (after an optional BOM is removed). */
export function frontmatterBlock(text: string): FrontmatterBlock | undefined {
  const fence = text.startsWith('---') ? '---' : text.startsWith('+++') ? '+++' : undefined;
  if (!fence) return undefined;
  const lines = linesOf(text, 0, text.length);
  if (lines.length === 0 || lines[0]!.text.trimEnd() !== fence) return undefined;
  const eol = text.slice(lines[0]!.end, lines[0]!.next) || '\n';
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i]!.text.trimEnd();
    if (t === fence || (fence === '---' && t === '...')) {
      return { format: fence === '---' ? 'yaml' : 'toml', contentStart: lines[1]!.start, contentEnd: lines[i]!.start, eol };
    }
  }
  return undefined;
}

const indentOf = (s: string) => s.length - s.trimStart().length;
const isBlank = (s: string) => s.trim() === '' || s.trimStart().startsWith('#');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value that follows a key on its line, starting at `at`. */
function valueAfter(text: string, at: number, lineEnd: number, format: 'yaml' | 'toml'): { span: Span; kind: ValueKind } {
  let s = at;
  while (s < lineEnd && (text[s] === ' ' || text[s] === '\t')) s++;
  const c = text[s];
  if (s >= lineEnd || c === '#') return { span: { start: s, end: s }, kind: 'empty' };
  if (format === 'yaml' && (c === '|' || c === '>')) return { span: { start: s, end: s }, kind: 'block' };
  if (c === '"' || c === "'") {
    let e = s + 1;
    while (e < lineEnd && text[e] !== c) e += text[e] === '\\' && c === '"' ? 2 : 1;
    return { span: { start: s + 1, end: Math.min(e, lineEnd) }, kind: 'quoted' };
  }
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    let depth = 0;
    let e = s;
    for (; e < lineEnd; e++) {
      if (text[e] === c) depth++;
      else if (text[e] === close && --depth === 0) { e++; break; }
    }
    return { span: { start: s, end: e }, kind: 'flow' };
  }
  let e = s;
  while (e < lineEnd && !(text[e] === '#' && (text[e - 1] === ' ' || text[e - 1] === '\t'))) e++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return { span: { start: s, end: e }, kind: 'plain' };
}

function keyPattern(key: string, sep: string): RegExp {
  const k = escapeRe(key);
  return new RegExp(`^(?:${k}|"${k}"|'${k}')\\s*${sep}`);
}

function yamlField(text: string, lines: Line[], segments: string[]): FrontmatterField | undefined {
  let from = 0;
  let to = lines.length;
  let parentIndent = -1;
  for (let si = 0; si < segments.length; si++) {
    const seg = segments[si]!;
    const last = si === segments.length - 1;
    // The children of a mapping sit at the indent of its first non-blank line.
    let childIndent = -1;
    for (let i = from; i < to; i++) {
      if (isBlank(lines[i]!.text)) continue;
      childIndent = indentOf(lines[i]!.text);
      break;
    }
    if (childIndent <= parentIndent) return undefined;
    const re = keyPattern(seg, ':(?=\\s|$)');
    let found = -1;
    for (let i = from; i < to; i++) {
      const l = lines[i]!;
      if (isBlank(l.text) || indentOf(l.text) !== childIndent) continue;
      if (re.test(l.text.slice(childIndent))) { found = i; break; }
    }
    if (found < 0) return undefined;
    const l = lines[found]!;
    const rest = l.text.slice(childIndent);
    const quoted = rest[0] === '"' || rest[0] === "'";
    const keyStart = l.start + childIndent + (quoted ? 1 : 0);
    const keySpan = { start: keyStart, end: keyStart + seg.length };
    const colon = l.start + childIndent + rest.indexOf(':', seg.length + (quoted ? 2 : 0));
    const value = valueAfter(text, colon + 1, l.end, 'yaml');
    if (last) return { keySpan, valueSpan: value.span, valueKind: value.kind, lineSpan: { start: l.start, end: l.next }, indent: childIndent };
    if (value.kind === 'flow' && text[value.span.start] === '{') {
      return flowField(text, value.span, segments.slice(si + 1), childIndent, l);
    }
    if (value.kind !== 'empty') return undefined;
    let end = found + 1;
    while (end < to && (isBlank(lines[end]!.text) || indentOf(lines[end]!.text) > childIndent)) end++;
    from = found + 1;
    to = end;
    parentIndent = childIndent;
  }
  return undefined;
}

/** A key inside a one-line flow mapping: `seo: { cluster: invoicing, role: target }`. */
function flowField(text: string, span: Span, segments: string[], indent: number, line: Line): FrontmatterField | undefined {
  let inner = { start: span.start + 1, end: span.end - 1 };
  for (let si = 0; si < segments.length; si++) {
    const body = text.slice(inner.start, inner.end);
    const re = new RegExp(`(^|[{,\\s])(${escapeRe(segments[si]!)}|"${escapeRe(segments[si]!)}"|'${escapeRe(segments[si]!)}')\\s*:`);
    const m = re.exec(body);
    if (!m) return undefined;
    const quoted = m[2]!.length !== segments[si]!.length;
    const keyStart = inner.start + m.index + m[1]!.length + (quoted ? 1 : 0);
    const valueStart = inner.start + m.index + m[0].length;
    const v = valueAfter(text, valueStart, inner.end, 'yaml');
    if (si === segments.length - 1) {
      // A plain scalar in a flow mapping ends at the next `,` or `}`.
      let end = v.span.end;
      if (v.kind === 'plain') {
        const cut = text.slice(v.span.start, v.span.end).search(/[,}]/);
        if (cut >= 0) end = v.span.start + cut;
        while (end > v.span.start && text[end - 1] === ' ') end--;
      }
      return { keySpan: { start: keyStart, end: keyStart + segments[si]!.length }, valueSpan: { start: v.span.start, end }, valueKind: v.kind, lineSpan: { start: line.start, end: line.next }, indent };
    }
    if (v.kind !== 'flow' || text[v.span.start] !== '{') return undefined;
    inner = { start: v.span.start + 1, end: v.span.end - 1 };
  }
  return undefined;
}

function tomlField(text: string, lines: Line[], segments: string[]): FrontmatterField | undefined {
  // `a.b = x` at the top, or `b = x` inside a `[a]` table.
  let table = '';
  for (const l of lines) {
    const t = l.text.trim();
    if (t === '' || t.startsWith('#')) continue;
    const header = /^\[([^[\]]+)\]$/.exec(t);
    if (header) { table = header[1]!.trim(); continue; }
    const m = /^([A-Za-z0-9_.\-"' ]+?)\s*=/.exec(t);
    if (!m) continue;
    const key = m[1]!.split('.').map((k) => k.trim().replace(/^["']|["']$/g, ''));
    const full = table ? [...table.split('.').map((k) => k.trim()), ...key] : key;
    if (full.join('.') !== segments.join('.')) continue;
    const indent = indentOf(l.text);
    const lastKey = key[key.length - 1]!;
    const keyStart = l.start + l.text.indexOf(lastKey, indent);
    const eq = l.start + l.text.indexOf('=', indent);
    const value = valueAfter(text, eq + 1, l.end, 'toml');
    return { keySpan: { start: keyStart, end: keyStart + lastKey.length }, valueSpan: value.span, valueKind: value.kind, lineSpan: { start: l.start, end: l.next }, indent };
  }
  return undefined;
}

/**
 * Where a key is written in the frontmatter of `text` (a whole page, or just its frontmatter block).
 * `path` may be dotted (`seo.role`); a literal top-level key with dots in its name is tried first,
 * as `getPath` does. Offsets are into `text`.
 */
export function findFrontmatterField(text: string, path: string): FrontmatterField | undefined {
  const block = frontmatterBlock(text);
  if (!block) return undefined;
  const lines = linesOf(text, block.contentStart, block.contentEnd);
  const find = block.format === 'yaml' ? yamlField : tomlField;
  return find(text, lines, [path]) ?? (path.includes('.') ? find(text, lines, path.split('.')) : undefined);
}

export interface TextEdit { span: Span; newText: string }

function scalar(value: string, format: 'yaml' | 'toml'): string {
  if (format === 'toml') return JSON.stringify(value);
  // Plain YAML scalars are fine for slugs and words; anything else is quoted.
  return /^[A-Za-z0-9][\w .\-/]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/^[\d.]+$/.test(value) ? value : JSON.stringify(value);
}

/**
 * The edit that sets a scalar frontmatter value: it replaces the value when the key is written,
 * else adds `key: value` at the end of the block (nested under the parent mapping when that exists),
 * else creates a frontmatter block. Dotted paths without a parent are written as nested YAML.
 */
export function setFrontmatterValue(text: string, path: string, value: string): TextEdit {
  const block = frontmatterBlock(text);
  const format = block?.format ?? 'yaml';
  const field = findFrontmatterField(text, path);
  if (field && block) {
    if (field.valueKind === 'quoted') {
      const single = text[field.valueSpan.start - 1] === "'";
      return { span: field.valueSpan, newText: single ? value.replace(/'/g, "''") : JSON.stringify(value).slice(1, -1) };
    }
    if (field.valueKind === 'plain' || field.valueKind === 'flow') return { span: field.valueSpan, newText: scalar(value, format) };
    // An empty or block value: rewrite the rest of the key's line and drop the block's indented lines.
    const afterKey = field.keySpan.end + (text[field.keySpan.end] === '"' || text[field.keySpan.end] === "'" ? 1 : 0);
    let end = field.lineSpan.end;
    for (const l of linesOf(text, field.lineSpan.end, block.contentEnd)) {
      if (l.text.trim() !== '' && indentOf(l.text) <= field.indent) break;
      end = l.next;
    }
    return { span: { start: afterKey, end }, newText: `${format === 'toml' ? ' =' : ':'} ${scalar(value, format)}${block.eol}` };
  }
  if (!block) {
    const segments = path.split('.');
    const lines = segments.map((s, i) => `${'  '.repeat(i)}${s}:${i === segments.length - 1 ? ` ${scalar(value, 'yaml')}` : ''}`);
    return { span: { start: 0, end: 0 }, newText: `---\n${lines.join('\n')}\n---\n` };
  }
  if (format === 'toml') {
    return { span: { start: block.contentEnd, end: block.contentEnd }, newText: `${path} = ${scalar(value, 'toml')}${block.eol}` };
  }
  const segments = path.split('.');
  // Reuse the deepest existing parent mapping.
  for (let n = segments.length - 1; n >= 1; n--) {
    const parent = findFrontmatterField(text, segments.slice(0, n).join('.'));
    if (!parent || parent.valueKind !== 'empty') continue;
    const lines = linesOf(text, parent.lineSpan.end, block.contentEnd);
    let childIndent: number | undefined;
    let insertAt = parent.lineSpan.end;
    for (const l of lines) {
      if (isBlank(l.text)) continue;
      if (indentOf(l.text) <= parent.indent) break;
      childIndent ??= indentOf(l.text);
      insertAt = l.next;
    }
    childIndent ??= parent.indent + 2;
    const rest = segments.slice(n);
    const newLines = rest.map((s, i) => `${' '.repeat(childIndent + 2 * i)}${s}:${i === rest.length - 1 ? ` ${scalar(value, 'yaml')}` : ''}`);
    return { span: { start: insertAt, end: insertAt }, newText: `${newLines.join(block.eol)}${block.eol}` };
  }
  const newLines = segments.map((s, i) => `${'  '.repeat(i)}${s}:${i === segments.length - 1 ? ` ${scalar(value, 'yaml')}` : ''}`);
  return { span: { start: block.contentEnd, end: block.contentEnd }, newText: `${newLines.join(block.eol)}${block.eol}` };
}
