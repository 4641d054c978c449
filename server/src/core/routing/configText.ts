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

/** Workspace files a JS/TS config imports by relative path (`from './x.config'`), read as text too. */
export function configImports(file: string, text: string, files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of stripJsComments(text).matchAll(/(?:\bfrom\s*|\brequire\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = joinPath(dirname(file), m[1]!);
    if (base === null) continue;
    const hit = MODULE_EXTENSIONS.map((e) => base + e).find((c) => files.has(c) && /\.[cm]?[jt]s$/.test(c));
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}
