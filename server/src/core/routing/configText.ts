// Reading framework configuration as data. JSON/YAML/TOML are parsed; JavaScript and TypeScript
// configs are scanned as text for literal values and are never executed.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import { dirname, joinPath } from '../paths';

/** Parses a data config by its extension; undefined when it is not an object or does not parse. */
export function parseDataConfig(path: string, text: string): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    if (/\.toml$/i.test(path)) v = parseToml(text);
    else if (/\.ya?ml$/i.test(path)) v = parseYaml(text, { logLevel: 'silent' });
    else if (/\.json$/i.test(path)) v = parseJsonc(text);
    else return undefined;
  } catch {
    return undefined;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Drops `//` line comments and block comments (a commented-out `routeBasePath` is not a setting). */
export function stripJsComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The `{ … }` that starts at or after `from`, braces matched (string contents skipped). */
export function objectAt(text: string, from: number): { text: string; start: number } | undefined {
  const open = text.indexOf('{', from);
  if (open < 0) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { text: text.slice(open, i + 1), start: open };
  }
  return undefined;
}

/** The object text with nested objects emptied (arrays of literals kept), so keys match at the top level only. */
export function topLevel(obj: string): string {
  let out = '';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < obj.length; i++) {
    const c = obj[i]!;
    if (quote) {
      if (c === '\\') { if (depth <= 1) out += c + (obj[i + 1] ?? ''); i++; continue; }
      if (c === quote) quote = undefined;
      if (depth <= 1) out += c;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    if (c === '{') depth++;
    if (depth <= 1 || (c === '}' && depth === 2)) out += c;
    if (c === '}') depth--;
  }
  return out;
}

/** A literal string value of `key: '…'` in JS/TS object text; undefined when absent or computed. */
export function literalString(objText: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s,{])['"]?${key}['"]?\\s*:\\s*(['"\`])([^'"\`$]*)\\1`).exec(objText);
  return m?.[2];
}

/** A literal array of strings `key: ['a', "b"]`; undefined when absent or not all literal. */
export function literalStringArray(objText: string, key: string): string[] | undefined {
  const m = new RegExp(`(?:^|[\\s,{])['"]?${key}['"]?\\s*:\\s*\\[([^\\]]*)\\]`).exec(objText);
  if (!m) return undefined;
  const items = m[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: string[] = [];
  for (const it of items) {
    const q = /^(['"`])([^'"`$]*)\1$/.exec(it);
    if (!q) return undefined;
    out.push(q[2]!);
  }
  return out;
}

/** The object literal value of `key: { … }` at the top level of the text, if written literally. */
export function objectOfKey(text: string, key: string): string | undefined {
  const re = new RegExp(`(?:^|[\\s,{])['"]?${key}['"]?\\s*:\\s*\\{`, 'g');
  const m = re.exec(text);
  if (!m) return undefined;
  return objectAt(text, m.index + m[0].length - 1)?.text;
}

/** Keys of a literal object (`{ root: {…}, fr: {…} }` → root, fr). */
export function objectKeys(objText: string): string[] {
  const top = topLevel(objText);
  const keys: string[] = [];
  const re = /[{,]\s*['"]?([A-Za-z0-9_-]+)['"]?\s*:/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(top))) keys.push(m[1]!);
  return keys;
}

const MODULE_EXTENSIONS = ['', '.ts', '.mts', '.js', '.mjs', '.cjs'];

/**
 * Workspace files a JS/TS config imports by relative path (`from './x.config'`, `require('./y')`,
 * `import r from './redirects.json' with { type: 'json' }`), read as text too. JSON modules count:
 * Next.js sites keep redirect lists in them. `require.resolve('./sidebars.js')` names a file
 * without importing it (profiles read such options themselves).
 */
export function configImports(file: string, text: string, files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of stripJsComments(text).matchAll(/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = joinPath(dirname(file), m[1]!);
    if (base === null) continue;
    const hit = MODULE_EXTENSIONS.map((e) => base + e).find((c) => files.has(c) && /\.([cm]?[jt]s|json)$/.test(c));
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

/** Every module reachable from `file` through relative imports whose text is known (`file` first). */
export function importClosure(file: string, texts: ReadonlyMap<string, string>, files: ReadonlySet<string>): string[] {
  const seen = [file];
  for (let i = 0; i < seen.length; i++) {
    const text = texts.get(seen[i]!);
    if (text === undefined || seen[i]!.endsWith('.json')) continue;
    for (const next of configImports(seen[i]!, text, files)) if (!seen.includes(next)) seen.push(next);
  }
  return seen;
}

/** A value of a JS literal that is not written literally (a call, a variable, a template with `${}`). */
export const COMPUTED: unique symbol = Symbol('computed');
export type JsValue = string | number | boolean | null | typeof COMPUTED | JsValue[] | { [key: string]: JsValue };

/**
 * Reads the JavaScript literal (object, array, string, number) that starts at `from`, without
 * running anything: computed parts (calls, identifiers, spreads) become COMPUTED. The text must
 * have its comments stripped. Returns the value and the offset after it.
 */
export function readJsLiteral(text: string, from: number): { value: JsValue; end: number } {
  let i = from;
  const ws = () => { while (i < text.length && /\s/.test(text[i]!)) i++; };
  /** Skips an expression up to `,` `}` `]` or `)` at depth 0 (a computed value). */
  const skipExpression = (): void => {
    let depth = 0;
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (quote) { if (c === '\\') i++; else if (c === quote) quote = undefined; continue; }
      if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') { if (depth === 0) return; depth--; }
      else if (c === ',' && depth === 0) return;
    }
  };
  const value = (): JsValue => {
    ws();
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const start = ++i;
      let out = '';
      for (; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\') { out += text[i + 1] ?? ''; i++; continue; }
        out += text[i];
      }
      const raw = text.slice(start, i);
      i++;
      // A template with substitutions is computed; so is a string followed by an operator (`'a' + b`).
      const computed = c === '`' && raw.includes('${');
      const at = i;
      ws();
      if (i < text.length && !/[,}\])]/.test(text[i]!)) { i = at; skipExpression(); return COMPUTED; }
      return computed ? COMPUTED : out;
    }
    if (c === '{') {
      i++;
      const obj: { [key: string]: JsValue } = {};
      for (;;) {
        ws();
        if (i >= text.length) return obj;
        if (text[i] === '}') { i++; return obj; }
        if (text[i] === ',') { i++; continue; }
        if (text.startsWith('...', i)) { i += 3; skipExpression(); continue; }
        const key = /^(?:(['"])([^'"]*)\1|([A-Za-z_$][\w$]*)|(\d+))/.exec(text.slice(i, i + 200));
        if (!key) { skipExpression(); if (text[i] === ',') i++; else if (text[i] === '}') { i++; return obj; } continue; }
        i += key[0].length;
        const name = key[2] ?? key[3] ?? key[4]!;
        ws();
        if (text[i] === ':') { i++; obj[name] = value(); ws(); }
        else if (text[i] === '(') { obj[name] = COMPUTED; skipExpression(); } // a method
        else obj[name] = COMPUTED; // shorthand `{ x }`
        if (text[i] === ',') i++;
        else if (text[i] !== '}') skipExpression();
      }
    }
    if (c === '[') {
      i++;
      const arr: JsValue[] = [];
      for (;;) {
        ws();
        if (i >= text.length) return arr;
        if (text[i] === ']') { i++; return arr; }
        if (text[i] === ',') { i++; continue; }
        if (text.startsWith('...', i)) { i += 3; skipExpression(); arr.push(COMPUTED); continue; }
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') skipExpression();
      }
    }
    const lit = /^(?:-?\d+(?:\.\d+)?|true|false|null)(?![\w$.(])/.exec(text.slice(i, i + 40));
    if (lit) {
      const at = i + lit[0].length;
      i = at;
      ws();
      if (i < text.length && !/[,}\])]/.test(text[i]!)) { i = at - lit[0].length; skipExpression(); return COMPUTED; }
      return lit[0] === 'true' ? true : lit[0] === 'false' ? false : lit[0] === 'null' ? null : Number(lit[0]);
    }
    skipExpression();
    return COMPUTED;
  };
  const v = value();
  return { value: v, end: i };
}

/** Every literal object in the text that has all the given keys, read with readJsLiteral. */
export function literalObjectsWith(text: string, keys: readonly string[]): { value: { [key: string]: JsValue }; start: number }[] {
  const out: { value: { [key: string]: JsValue }; start: number }[] = [];
  const seen = new Set<number>();
  const re = new RegExp(`[{,\\s]['"]?${keys[0]}['"]?\\s*:`, 'g');
  for (const m of text.matchAll(re)) {
    const open = enclosingBrace(text, m.index + 1);
    if (open === undefined || seen.has(open)) continue;
    seen.add(open);
    const { value } = readJsLiteral(text, open);
    if (value && typeof value === 'object' && !Array.isArray(value) && keys.every((k) => k in value)) out.push({ value, start: open });
  }
  return out;
}

/** The offset of the unmatched `{` before `at` (the object that holds the key at `at`). */
function enclosingBrace(text: string, at: number): number | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '}' || c === ']' || c === ')') depth++;
    else if (c === '[' || c === '(') { if (depth === 0) return undefined; depth--; }
    else if (c === '{') { if (depth === 0) return i; depth--; }
  }
  return undefined;
}
