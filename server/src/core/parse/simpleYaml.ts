// A fast path for the commonest front matter: a flat mapping of one-line scalars, with block
// sequences of scalars, one-line flow sequences of scalars (`supports: ['ssr', 'static']`), one level of
// nested mapping, and folded or literal block scalars whose lines share one indent (`description: >-`).
// It reads only what it can read exactly as the `yaml` library does (YAML 1.2 core schema: null,
// booleans, decimal/hex/octal integers, floats, strings; plain, "double" without escapes and 'single'
// quoted), and answers undefined for anything else — comments after values, escapes, flow mappings,
// anchors, tags, deeper nesting, duplicate keys, tabs, multi-line plain or quoted scalars, block
// scalars with more-indented lines or lines of spaces — which then goes to the library. Profiling put the library at 10 % of cold indexing
// (MDN: 2 s of CPU for 14k small blocks). test/unit/simpleYaml.test.ts compares both on every front
// matter block of the corpora and on generated blocks.

type Scalar = string | number | boolean | null;
type Value = Scalar | Scalar[];

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
const ITEM = /^( *)- (.*)$/;
const NESTED = /^( +)([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** Characters a plain scalar may not start with (indicators), and what makes one end or change meaning. */
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const OCT = /^0o[0-7]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOAT = /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/;

/** The value of a one-line scalar, or undefined when it is not one this reader handles. */
function scalar(raw: string): Scalar | undefined {
  const v = raw.replace(/ +$/, '');
  if (v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL') return null;
  if (v.includes('\t')) return undefined;
  const q = v.charCodeAt(0);
  if (q === 34 /* " */) {
    if (v.length < 2 || !v.endsWith('"')) return undefined;
    const inner = v.slice(1, -1);
    return inner.includes('"') || inner.includes('\\') ? undefined : inner;
  }
  if (q === 39 /* ' */) {
    const m = /^'((?:[^']|'')*)'$/.exec(v);
    return m ? m[1]!.replace(/''/g, "'") : undefined;
  }
  if (!(PLAIN_START.test(v) || /^-[0-9.]/.test(v)) || v.includes(': ') || v.includes(' #') || v.endsWith(':')) return undefined;
  if (v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === 'false' || v === 'False' || v === 'FALSE') return false;
  if (INT.test(v)) return parseInt(v, 10);
  if (HEX.test(v)) return parseInt(v.slice(2), 16);
  if (OCT.test(v)) return parseInt(v.slice(2), 8);
  if (FLOAT.test(v)) return parseFloat(v);
  if (SPECIAL_FLOAT.test(v)) return undefined;
  return v;
}

/** One item of a flow sequence: a quoted scalar, or a plain one without flow or mapping indicators. */
const FLOW_ITEM = /[ ]*('(?:[^']|'')*'|"[^"\\]*"|[^,'"[\]{}:?#]*?)[ ]*(?:,|$)/y;

/** The items of a one-line flow sequence of scalars (`[a, 'b c', 3]`), or undefined. */
function flowSequence(raw: string): Scalar[] | undefined {
  const v = raw.replace(/ +$/, '');
  if (!v.startsWith('[') || !v.endsWith(']')) return undefined;
  const inner = v.slice(1, -1);
  if (/^ *$/.test(inner)) return [];
  if (/, *$/.test(inner)) return undefined;
  const out: Scalar[] = [];
  let at = 0;
  while (at < inner.length) {
    FLOW_ITEM.lastIndex = at;
    const m = FLOW_ITEM.exec(inner);
    if (!m || m[0] === '' || m[1] === '') return undefined;
    const item = scalar(m[1]!);
    if (item === undefined) return undefined;
    out.push(item);
    at = FLOW_ITEM.lastIndex;
  }
  return out;
}

/** A one-line value: a scalar or a flow sequence of scalars. */
function oneLine(raw: string): Value | undefined {
  return raw.trimStart().startsWith('[') ? flowSequence(raw) : scalar(raw);
}

/** The header of a block scalar this reader handles: folded or literal, clipped or stripped. */
const BLOCK_HEADER = /^([|>])(-?) *$/;

/**
 * The mapping of `source`, or undefined when it is not in the simple subset (the caller uses the
 * library). A key without a value may hold a block sequence of scalars or one level of mapping of
 * scalars (`sidebar:` + `  label: Guides`), indented consistently.
 */
export function simpleYaml(source: string): Record<string, Value | Record<string, Value>> | undefined {
  if (source.includes('\r') || source.includes('\t')) return undefined;
  const out: Record<string, Value | Record<string, Value>> = {};
  const seen = new Set<string>();
  /** The last top-level key without a value, what its indented lines hold, and their indent. */
  let parent: string | undefined;
  let mode: 'list' | 'map' | undefined;
  let childIndent = -1;
  let childKeys = new Set<string>();
  /** The block scalar being read: its key, style, chomping, indent and lines. */
  let block: { key: string; folded: boolean; strip: boolean; indent: number; lines: string[] } | undefined;
  const endBlock = (): boolean => {
    if (!block) return false;
    const lines = block.lines;
    // Blank lines before the next key belong to no line: chomping drops them (clip keeps one line break).
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) return false;
    // Folded: a line break between two lines becomes a space, and n blank lines become n line breaks.
    let text = lines[0]!;
    for (let i = 1; i < lines.length; i++) {
      if (!block.folded) text += `\n${lines[i]!}`;
      else if (lines[i] === '') text += '\n';
      else text += lines[i - 1] === '' ? lines[i]! : ` ${lines[i]!}`;
    }
    out[block.key] = text + (block.strip ? '' : '\n');
    block = undefined;
    return true;
  };
  for (const line of source.split('\n')) {
    if (block) {
      if (line === '') {
        // A blank line inside the text (not before its first line, whose indent it would have to guess).
        if (block.lines.length === 0) return undefined;
        block.lines.push('');
        continue;
      }
      if (line.startsWith(' ')) {
        // Every line at the first line's indent, none of spaces only, none with trailing spaces (kept as content).
        const indent = line.length - line.trimStart().length;
        if (block.indent === -1) block.indent = indent;
        if (indent !== block.indent || line.length === indent || line.endsWith(' ')) return undefined;
        block.lines.push(line.slice(indent));
        continue;
      }
      if (!endBlock()) return undefined;
    }
    if (/^ *(?:#.*)?$/.test(line)) continue;
    const k = KEY.exec(line);
    if (k) {
      const key = k[1]!;
      if (RESERVED_KEYS.has(key) || seen.has(key)) return undefined;
      seen.add(key);
      const rest = k[2] ?? '';
      parent = undefined;
      mode = undefined;
      childIndent = -1;
      if (rest.trim() === '') { out[key] = null; parent = key; continue; }
      const header = BLOCK_HEADER.exec(rest);
      if (header) { block = { key, folded: header[1] === '>', strip: header[2] === '-', indent: -1, lines: [] }; continue; }
      const v = oneLine(rest);
      if (v === undefined) return undefined;
      out[key] = v;
      continue;
    }
    if (parent === undefined) return undefined;
    // A block sequence item under the last key that had no value.
    const item = ITEM.exec(line);
    if (item) {
      if (mode === 'map') return undefined;
      const indent = item[1]!.length;
      if (mode === undefined) { mode = 'list'; childIndent = indent; } else if (indent !== childIndent) return undefined;
      const v = scalar(item[2]!);
      if (v === undefined || item[2]!.trim() === '') return undefined;
      const cur = out[parent];
      if (Array.isArray(cur)) cur.push(v);
      else out[parent] = [v];
      continue;
    }
    // A key of a mapping under the last key that had no value.
    const n = NESTED.exec(line);
    if (!n || mode === 'list') return undefined;
    const indent = n[1]!.length;
    if (mode === undefined) { mode = 'map'; childIndent = indent; childKeys = new Set(); out[parent] = {}; } else if (indent !== childIndent) return undefined;
    const key = n[2]!;
    if (RESERVED_KEYS.has(key) || childKeys.has(key)) return undefined;
    childKeys.add(key);
    const rest = n[3] ?? '';
    const v = rest.trim() === '' ? null : oneLine(rest);
    if (v === undefined) return undefined;
    (out[parent] as Record<string, Value>)[key] = v;
  }
  if (block && !endBlock()) return undefined;
  return out;
}
