import { parseDocument } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { ParseProblem } from '../types';
import { simpleYaml } from './simpleYaml';

export interface FrontmatterResult {
  data: Record<string, unknown> | null;
  problem?: ParseProblem;
}

const MAX_ALIASES = 100;

/** Parses a YAML frontmatter block whose value starts at `offset` in the page. */
export function parseYamlFrontmatter(source: string, offset: number): FrontmatterResult {
  // Flat blocks of one-line scalars (most pages) are read directly; everything else by the library.
  const simple = simpleYaml(source);
  if (simple) return { data: simple };
  try {
    const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false, strict: true });
    const err = doc.errors[0];
    if (err) {
      const [s, e] = err.pos;
      const message = err.message.split('\n')[0] ?? err.message;
      return { data: null, problem: { kind: 'frontmatter-error', message: `Frontmatter is not valid YAML: ${message}`, span: { start: offset + s, end: offset + Math.max(e, s + 1) } } };
    }
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (value === null || value === undefined) return { data: {} };
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { data: null, problem: { kind: 'frontmatter-error', message: 'Frontmatter must be a mapping of keys to values.', span: { start: offset, end: offset + Math.max(1, source.length) } } };
    }
    return { data: value as Record<string, unknown> };
  } catch (e) {
    // The yaml library throws for alias bombs and similar resource limits.
    const message = e instanceof Error ? e.message : String(e);
    return { data: null, problem: { kind: 'frontmatter-error', message: `Frontmatter could not be read: ${message}`, span: { start: offset, end: offset + Math.max(1, Math.min(source.length, 3)) } } };
  }
}

/** Parses a TOML (`+++`) frontmatter block, as Hugo writes it. */
export function parseTomlFrontmatter(source: string, offset: number, lineStartsOfSource: (line: number) => number): FrontmatterResult {
  try {
    return { data: parseToml(source) as Record<string, unknown> };
  } catch (e) {
    let start = offset;
    if (e instanceof TomlError) start = offset + lineStartsOfSource(e.line - 1) + Math.max(0, e.column - 1);
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return { data: null, problem: { kind: 'frontmatter-error', message: `Frontmatter is not valid TOML: ${message}`, span: { start, end: start + 1 } } };
  }
}
