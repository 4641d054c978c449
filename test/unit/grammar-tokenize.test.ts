// Real tokenization test for syntaxes/*.tmLanguage.json with VS Code's TextMate engine.
// Rename to grammar-tokenize.test.ts after adding the devDependencies (all MIT, no network at run time;
// onig.wasm ships inside vscode-oniguruma):
//   "vscode-textmate": "9.3.2", "vscode-oniguruma": "2.0.1", "tm-grammars": "1.32.22"
// tm-grammars supplies VS Code's own Markdown / JavaScript / HTML grammars. Its YAML grammar is the old
// TextMate bundle, not the YAML 1.2 grammar VS Code ships, so the injection is checked against a small
// stand-in (YAML_STANDIN) that reproduces the scopes VS Code's YAML grammar gives keys and values.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const require = createRequire(import.meta.url);
const repoFile = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const tmGrammar = (name: string): string => require.resolve(`tm-grammars/grammars/${name}.json`);

/** Minimal YAML stand-in: the key/value scopes of VS Code's YAML 1.2 grammar (meta.map.key.yaml, meta.map.value.yaml string.*). */
const YAML_STANDIN = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.yaml' },
    {
      begin: '^[ \\t]*(?:(-)[ \\t]+)?(?=[\\w"\'][^:#]*:(?:[ \\t]|$))',
      beginCaptures: { 1: { name: 'punctuation.definition.block.sequence.item.yaml' } },
      end: '(?=[ \\t]*:(?:[ \\t]|$))',
      name: 'meta.map.key.yaml string.unquoted.plain.yaml entity.name.tag.yaml',
    },
    {
      begin: ':(?=[ \\t]|$)',
      beginCaptures: { 0: { name: 'punctuation.separator.map.value.yaml' } },
      end: '$',
      name: 'meta.map.value.yaml',
      patterns: [
        { match: '[ \\t]+#.*$', name: 'comment.line.number-sign.yaml' },
        { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
        { begin: "'", end: "'", name: 'string.quoted.single.yaml' },
        { begin: '(?=[^ \\t#\'"])', end: '(?=[ \\t]+#|$)', name: 'string.unquoted.plain.out.yaml' },
      ],
    },
  ],
};

type Source = { file: string } | { json: object };
const makeRegistry = (yaml: Source): vsctm.Registry => {
  const grammars: Record<string, Source> = {
    'source.mdx': { file: repoFile('syntaxes/mdx.tmLanguage.json') },
    'pillarlink.frontmatter.injection': { file: repoFile('syntaxes/pillarlink-frontmatter.injection.tmLanguage.json') },
    'text.html.markdown': { file: tmGrammar('markdown') },
    'source.js': { file: tmGrammar('javascript') },
    'text.html.derivative': { file: tmGrammar('html-derivative') },
    'text.html.basic': { file: tmGrammar('html') },
    'source.css': { file: tmGrammar('css') },
    'source.yaml': yaml,
  };
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const src = grammars[scopeName];
      if (!src) return null; // other fenced-code languages: not needed here
      if ('json' in src) return vsctm.parseRawGrammar(JSON.stringify(src.json), `${scopeName}.json`);
      return vsctm.parseRawGrammar(readFileSync(src.file, 'utf8'), src.file);
    },
    getInjections: (scopeName: string) =>
      scopeName === 'source.mdx' || scopeName === 'text.html.markdown' ? ['pillarlink.frontmatter.injection'] : undefined,
  });
};

interface Token {
  line: number;
  text: string;
  scopes: string[];
}
async function tokenize(registry: vsctm.Registry, rootScope: string, text: string): Promise<Token[]> {
  const grammar = await registry.loadGrammar(rootScope);
  if (!grammar) throw new Error(`cannot load ${rootScope}`);
  let state = vsctm.INITIAL;
  const tokens: Token[] = [];
  text.split('\n').forEach((lineText, i) => {
    const r = grammar.tokenizeLine(lineText, state);
    for (const t of r.tokens) tokens.push({ line: i + 1, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return tokens;
}
/** Scopes of the first token on `line` whose text is exactly `text`. */
const scopesOf = (tokens: Token[], line: number, text: string): string[] => {
  const t = tokens.find((x) => x.line === line && x.text === text);
  if (!t) throw new Error(`no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(tokens.filter((x) => x.line === line).map((x) => x.text))}`);
  return t.scopes;
};

const SAMPLE = [
  /* 1 */ '---',
  /* 2 */ 'title: Keyword research',
  /* 3 */ 'cluster: seo-basics',
  /* 4 */ 'role: target',
  /* 5 */ '---',
  /* 6 */ '',
  /* 7 */ "import { Callout } from '../components'",
  /* 8 */ '',
  /* 9 */ '# Guide to [keyword research](/seo/keywords/)',
  /* 10 */ '',
  /* 11 */ '<Callout type="tip" count={items.length} {...rest}>',
  /* 12 */ '  Read the <Badge>new</Badge> [pillar](./pillar.mdx) and {meta.title}.',
  /* 13 */ '</Callout>',
  /* 14 */ '',
  /* 15 */ '{/* editorial note */}',
  /* 16 */ '',
  /* 17 */ 'Use `{braces}` in code.',
  /* 18 */ '',
].join('\n');

describe('MDX grammar tokenization (vscode-textmate)', () => {
  let tokens: Token[];
  beforeAll(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    tokens = await tokenize(makeRegistry({ file: tmGrammar('yaml') }), 'source.mdx', SAMPLE);
  });

  it('embeds YAML frontmatter and closes it at the second fence', () => {
    expect(scopesOf(tokens, 1, '---')).toContain('punctuation.definition.begin.frontmatter');
    expect(tokens.filter((t) => t.line === 3).every((t) => t.scopes.includes('meta.embedded.block.frontmatter'))).toBe(true);
    expect(scopesOf(tokens, 5, '---')).toContain('punctuation.definition.end.frontmatter');
    expect(tokens.filter((t) => t.line > 5).some((t) => t.scopes.includes('meta.embedded.block.frontmatter'))).toBe(false);
  });

  it('embeds JavaScript for ESM', () => {
    expect(scopesOf(tokens, 7, 'import')).toEqual(expect.arrayContaining(['meta.embedded.block.javascript', 'keyword.control.import.js']));
  });

  it('keeps Markdown headings and links', () => {
    expect(scopesOf(tokens, 9, '#')).toContain('markup.heading.markdown');
    expect(scopesOf(tokens, 9, 'keyword research')).toContain('meta.link.inline.markdown');
  });

  it('scopes JSX tags, attributes and expression attributes', () => {
    expect(scopesOf(tokens, 11, 'Callout')).toEqual(expect.arrayContaining(['meta.tag.start.mdx', 'support.class.component.mdx']));
    expect(scopesOf(tokens, 11, 'type')).toContain('entity.other.attribute-name.mdx');
    expect(scopesOf(tokens, 11, 'tip')).toContain('string.quoted.double.mdx');
    expect(scopesOf(tokens, 11, 'items')).toContain('meta.embedded.expression.javascript');
    expect(scopesOf(tokens, 11, '...')).toContain('keyword.operator.spread.js');
    expect(scopesOf(tokens, 13, 'Callout')).toContain('meta.tag.end.mdx');
  });

  it('finds inline JSX, links and expressions inside Markdown paragraphs', () => {
    expect(scopesOf(tokens, 12, 'Badge')).toContain('support.class.component.mdx');
    expect(scopesOf(tokens, 12, 'pillar')).toContain('meta.link.inline.markdown');
    expect(scopesOf(tokens, 12, 'title')).toContain('meta.embedded.expression.javascript');
  });

  it('scopes MDX comments and leaves code spans alone', () => {
    expect(scopesOf(tokens, 15, ' editorial note ')).toContain('comment.block.mdx');
    const code = tokens.filter((t) => t.line === 17 && t.text.includes('{braces}'));
    expect(code).toHaveLength(1);
    expect(code[0]?.scopes).toContain('markup.inline.raw.string.markdown');
    expect(code[0]?.scopes.join(' ')).not.toContain('meta.expression.mdx');
  });
});

describe('Pillarlink frontmatter injection (YAML stand-in with VS Code YAML scopes)', () => {
  const FM = ['---', 'title: x', 'cluster: seo', 'role: target', 'pillarlink:', '  role: "case-study"', 'keywords: [a, b]', '---', '', '# Body'].join('\n');
  const registry = (): vsctm.Registry => makeRegistry({ json: YAML_STANDIN });

  it.each(['source.mdx', 'text.html.markdown'])('highlights keys and role values in %s', async (rootScope) => {
    const t = await tokenize(registry(), rootScope, FM);
    expect(scopesOf(t, 2, 'title')).not.toContain('support.type.property-name.pillarlink');
    expect(scopesOf(t, 3, 'cluster')).toContain('support.type.property-name.pillarlink');
    expect(scopesOf(t, 4, 'role')).toContain('support.type.property-name.pillarlink');
    expect(scopesOf(t, 4, 'target')).toContain('constant.language.pillarlink.target');
    expect(scopesOf(t, 5, 'pillarlink')).toContain('support.type.property-name.pillarlink');
    expect(scopesOf(t, 6, 'case-study')).toContain('constant.language.pillarlink.support');
    expect(scopesOf(t, 7, 'keywords')).toContain('support.type.property-name.pillarlink');
    expect(scopesOf(t, 10, '#')).toContain('markup.heading.markdown');
  });
});
