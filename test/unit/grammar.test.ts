// Structural checks for the TextMate grammars in syntaxes/ and the MDX language configuration.
// No TextMate engine is a project dependency, so this test works on the JSON alone: scope names,
// local `#repository` includes, and regexes compiled with JS RegExp where they use no
// Oniguruma-only syntax. A few targeted regex behaviours are checked the same way.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Json = unknown;
interface Rule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: Rule[];
  repository?: Record<string, Rule>;
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  whileCaptures?: Record<string, Rule>;
}
interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  injections?: Record<string, Rule>;
}

const root = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const readJson = (rel: string): Json => JSON.parse(readFileSync(root(rel), 'utf8')) as Json;

const MDX_PATH = 'syntaxes/mdx.tmLanguage.json';
const INJECTION_PATH = 'syntaxes/pillarlink-frontmatter.injection.tmLanguage.json';
const mdx = readJson(MDX_PATH) as Grammar;
const injection = readJson(INJECTION_PATH) as Grammar;

/** Grammars other than our own that the grammars may include (all shipped with VS Code, except TOML which is optional). */
const EXTERNAL_SCOPES = new Set(['text.html.markdown', 'source.js', 'source.yaml', 'source.toml']);

interface Visited {
  path: string;
  rule: Rule;
}

/** Every rule object reachable in the grammar (patterns, repository, injections, captures). */
function allRules(grammar: Grammar): Visited[] {
  const out: Visited[] = [];
  const visit = (rule: Rule, path: string): void => {
    out.push({ path, rule });
    rule.patterns?.forEach((r, i) => visit(r, `${path}/patterns/${i}`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
      const caps = rule[key];
      if (caps) for (const [k, r] of Object.entries(caps)) visit(r, `${path}/${key}/${k}`);
    }
    if (rule.repository) for (const [k, r] of Object.entries(rule.repository)) visit(r, `${path}/repository/${k}`);
  };
  visit(grammar, '');
  if (grammar.injections) for (const [sel, r] of Object.entries(grammar.injections)) visit(r, `/injections/${sel}`);
  return out;
}

/**
 * Oniguruma-only constructs that JS RegExp rejects or reads differently. `\G` (anchor at the end of
 * the previous match) and `\A` (start of document) are rewritten to their closest JS meaning so the
 * rest of the pattern is still compiled; anything else listed here makes the regex be skipped.
 */
const ONIG_ONLY = [
  /\\[zZhH]/, // \z \Z \h \H
  /\(\?>/, // atomic group
  /\(\?[imx]*-?[imx]+[:)]/, // inline flag groups (?i) (?x: ...)
  /\\[pP]\{/, // \p{...} without the u flag
  /\\x\{/, // \x{HHHH}
  /\(\?#/, // comment group
  /(?<!\\)[*+?}]\+/, // possessive quantifiers
  /\\[kg]</, // named back-reference / subexpression call
];

function toJsRegExp(source: string): RegExp | undefined {
  if (ONIG_ONLY.some((re) => re.test(source))) return undefined;
  return new RegExp(source.replace(/\\G/g, '(?:)').replace(/\\A/g, '^'));
}

function regexesOf(grammar: Grammar): { path: string; key: string; source: string }[] {
  const out: { path: string; key: string; source: string }[] = [];
  for (const { path, rule } of allRules(grammar)) {
    for (const key of ['match', 'begin', 'end', 'while'] as const) {
      const source = rule[key];
      if (source !== undefined) out.push({ path, key, source });
    }
  }
  return out;
}

const scopeOf = (grammar: Grammar, pathToRule: string): Rule => {
  const rule = grammar.repository?.[pathToRule];
  if (!rule) throw new Error(`no repository rule ${pathToRule}`);
  return rule;
};

describe.each([
  ['mdx', mdx],
  ['pillarlink frontmatter injection', injection],
] as const)('%s grammar: structure', (_label, grammar) => {
  it('has a repository and top-level patterns', () => {
    expect(grammar.repository && Object.keys(grammar.repository).length).toBeTruthy();
    expect(grammar.patterns?.length).toBeGreaterThan(0);
  });

  it('resolves every include', () => {
    const repo = grammar.repository ?? {};
    const problems: string[] = [];
    for (const { path, rule } of allRules(grammar)) {
      const inc = rule.include;
      if (inc === undefined) continue;
      if (inc === '$self' || inc === '$base') continue;
      if (inc.startsWith('#')) {
        if (!(inc.slice(1) in repo)) problems.push(`${path}: ${inc} is not in the repository`);
        continue;
      }
      const [scope, key] = inc.split('#');
      if (scope === grammar.scopeName) {
        if (key !== undefined && !(key in repo)) problems.push(`${path}: ${inc} is not in the repository`);
      } else if (!EXTERNAL_SCOPES.has(scope)) {
        problems.push(`${path}: unexpected external grammar ${inc}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has well-formed rules', () => {
    const problems: string[] = [];
    for (const { path, rule } of allRules(grammar)) {
      if (path === '' || /\/(captures|beginCaptures|endCaptures|whileCaptures)\/[^/]+$/.test(path)) continue;
      if (rule.begin !== undefined && rule.end === undefined && rule.while === undefined) problems.push(`${path}: begin without end/while`);
      if (rule.end !== undefined && rule.begin === undefined) problems.push(`${path}: end without begin`);
      if (rule.while !== undefined && rule.begin === undefined) problems.push(`${path}: while without begin`);
      if (rule.match !== undefined && rule.begin !== undefined) problems.push(`${path}: both match and begin`);
      const isContainer = rule.patterns !== undefined || rule.repository !== undefined;
      if (rule.match === undefined && rule.begin === undefined && rule.include === undefined && !isContainer) {
        problems.push(`${path}: rule does nothing`);
      }
    }
    for (const { path, rule } of allRules(grammar)) {
      for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
        for (const k of Object.keys(rule[key] ?? {})) if (!/^\d+$/.test(k)) problems.push(`${path}/${key}: capture key ${k}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('compiles every regex that has no Oniguruma-only syntax under JS RegExp', () => {
    const all = regexesOf(grammar);
    expect(all.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let compiled = 0;
    for (const { path, key, source } of all) {
      try {
        if (toJsRegExp(source)) compiled++;
      } catch (e) {
        failures.push(`${path}.${key}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(compiled).toBe(all.length); // both grammars avoid the constructs that would be skipped
  });
});

describe('mdx grammar', () => {
  it('is source.mdx over the built-in Markdown grammar', () => {
    expect(mdx.scopeName).toBe('source.mdx');
    expect(mdx.patterns?.at(-1)).toEqual({ include: 'text.html.markdown' });
    expect(mdx.patterns?.[0]).toEqual({ include: '#frontmatter' });
  });

  it('scopes the frontmatter body like VS Code Markdown does (for the injection) and embeds YAML', () => {
    const yaml = JSON.stringify(scopeOf(mdx, 'frontmatter-yaml'));
    expect(yaml).toContain('"contentName":"meta.embedded.block.frontmatter"');
    expect(yaml).toContain('"include":"source.yaml"');
  });

  it('embeds JavaScript for ESM and expressions', () => {
    expect(scopeOf(mdx, 'esm').contentName).toBe('meta.embedded.block.javascript');
    expect(scopeOf(mdx, 'expression').contentName).toBe('meta.embedded.expression.javascript');
  });

  it('injects inline MDX into Markdown blocks but not into code or comments', () => {
    const selectors = Object.keys(mdx.injections ?? {});
    expect(selectors).toHaveLength(1);
    for (const excluded of ['-comment', '-meta.embedded', '-markup.inline.raw', '-markup.fenced_code']) {
      expect(selectors[0]).toContain(excluded);
    }
  });

  const re = (key: string, field: 'match' | 'begin' = 'match'): RegExp => {
    const source = scopeOf(mdx, key)[field];
    const compiled = source === undefined ? undefined : toJsRegExp(source);
    if (!compiled) throw new Error(`${key}.${field} is not JS-compilable`);
    return compiled;
  };

  it('recognises ESM only for unindented import/export statements', () => {
    const esm = re('esm', 'begin');
    expect(esm.test("import { Callout } from '../components'")).toBe(true);
    expect(esm.test('export const meta = {}')).toBe(true);
    expect(esm.test('important note')).toBe(false);
    expect(esm.test('exported files')).toBe(false);
    expect(esm.test('  import x from "y"')).toBe(false);
  });

  it('tells components from intrinsic elements and leaves prose comparisons alone', () => {
    const open = re('jsx-tag-open', 'begin');
    expect(open.exec('<Callout type="warning">')?.slice(1, 4)).toEqual(['<', 'Callout', undefined]);
    expect(open.exec('<motion.div animate={{ x: 1 }} />')?.[2]).toBe('motion.div');
    expect(open.exec('<div className="x">')?.slice(1, 4)).toEqual(['<', undefined, 'div']);
    expect(open.exec('<Card')?.[2]).toBe('Card'); // attributes on the following lines
    expect(open.test('a < b and 5 > 3')).toBe(false);
    expect(open.test('<https://example.com>')).toBe(false);

    const close = re('jsx-tag-close');
    expect(close.exec('</Callout>')?.[3]).toBe('Callout');
    expect(close.test('</>')).toBe(true);
    expect(re('jsx-fragment-open').test('<>')).toBe(true);
  });

  it('matches single-line MDX comments', () => {
    const [single, multi] = scopeOf(mdx, 'comment').patterns ?? [];
    const one = toJsRegExp(single?.match ?? '');
    expect(one?.exec('{/* TODO: add table */}')?.[3]).toBe(' TODO: add table ');
    const start = toJsRegExp(multi?.begin ?? '');
    expect(start?.test('{/*')).toBe(true);
    expect(start?.test('{/* closed */}')).toBe(false); // handled by the single-line rule
  });
});

describe('pillarlink frontmatter injection grammar', () => {
  it('has the expected scope name and targets the frontmatter block', () => {
    expect(injection.scopeName).toBe('pillarlink.frontmatter.injection');
    const selector = injection.injectionSelector ?? '';
    for (const part of selector.split(',')) {
      expect(part.trim()).toMatch(/^L:meta\.embedded\.block\.frontmatter /);
    }
  });

  const re = (key: string): RegExp => {
    const compiled = toJsRegExp(scopeOf(injection, key).match ?? '');
    if (!compiled) throw new Error(`${key} is not JS-compilable`);
    return compiled;
  };
  /** Match `re` starting exactly at `from` in `line` (as the tokenizer does inside YAML's scalar rule). */
  const valueAt = (regex: RegExp, line: string, from: string): string | undefined => {
    const sticky = new RegExp(regex.source, 'y');
    sticky.lastIndex = line.indexOf(from);
    return sticky.exec(line)?.[1];
  };

  it('highlights the Pillarlink keys only', () => {
    const key = re('key');
    for (const k of ['cluster', 'role', 'keywords', 'pillarlink']) {
      expect(valueAt(key, `${k}: x`, k)).toBe(k);
      expect(valueAt(key, `  ${k}:`, k)).toBe(k);
    }
    expect(valueAt(key, '- role: target', 'role')).toBe('role');
    expect(valueAt(key, 'title: x', 'title')).toBeUndefined();
    expect(valueAt(key, 'clusters: x', 'clusters')).toBeUndefined();
    expect(valueAt(key, 'title: "role: tool"', 'role')).toBeUndefined();
  });

  it('classifies role values as target or support', () => {
    const target = re('role-target');
    const support = re('role-support');
    for (const v of ['target', 'tool', 'service', 'pillar']) {
      expect(valueAt(target, `role: ${v}`, v)).toBe(v);
      expect(valueAt(support, `role: ${v}`, v)).toBeUndefined();
    }
    for (const v of ['support', 'tutorial', 'explainer', 'comparison', 'faq', 'case-study']) {
      expect(valueAt(support, `role: ${v}`, v)).toBe(v);
      expect(valueAt(target, `role: ${v}`, v)).toBeUndefined();
    }
    expect(valueAt(target, `  role: "pillar" # hub`, 'pillar')).toBe('pillar');
    expect(valueAt(support, "role: 'case-study'", 'case-study')).toBe('case-study');
    expect(valueAt(target, 'role: targeted', 'targeted')).toBeUndefined();
    expect(valueAt(target, 'type: target', 'target')).toBeUndefined();
  });
});

describe('MDX language configuration', () => {
  interface Pair {
    open: string;
    close: string;
  }
  const config = readJson('language-configuration-mdx.json') as {
    comments: { lineComment?: string; blockComment?: [string, string] };
    brackets: [string, string][];
    autoClosingPairs: Pair[];
    folding: { markers: { start: string; end: string } };
  };

  it('uses MDX comments, not HTML comments', () => {
    expect(config.comments.blockComment).toEqual(['{/*', '*/}']);
    expect(config.comments.lineComment).toBeUndefined();
  });

  it('auto-closes brackets, backticks and quotes but not angle brackets', () => {
    const opens = config.autoClosingPairs.map((p) => p.open);
    expect(opens).toEqual(expect.arrayContaining(['{', '[', '(', '`', '"', "'"]));
    expect(opens).not.toContain('<');
    expect(config.brackets.map((b) => b[0])).not.toContain('<');
  });

  it('folds {/* #region */} … {/* #endregion */}', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    expect(start.test('{/* #region Intro */}')).toBe(true);
    expect(end.test('  {/* #endregion */}')).toBe(true);
    expect(start.test('{/* #endregion */}')).toBe(false);
    expect(start.test('<!-- #region -->')).toBe(false);
  });
});
