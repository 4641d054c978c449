// The fast scanner (core/parse/fastScan.ts) must give exactly parsePage's facts for every page it
// accepts, and leave the rest to parsePage. Checked on every fixture page, on a sample of the real
// corpora (PILLARLINK_CORPORA, default /work/shared/corpora; skipped when absent), on focused cases
// where it must bail or must match, and on random documents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS, parsePage } from '../../server/src/core/parse/page';
import { indexPage, scanPage, scanPageOrReason, simpleImports } from '../../server/src/core/parse/fastScan';
import type { PageFacts } from '../../server/src/core/types';
import { REPO } from '../helpers/tmp';
import { loadSeeds, markdownArb } from '../fuzz/support';
import { CORPORA, corpusSamples, fixturePages } from './corpusSample';

const OPTIONS = DEFAULT_PARSE_OPTIONS;

/** The first field (a JSON path) where two values differ, with both sides, or '' when equal. */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${at || '(root)'}: scanner ${JSON.stringify(a)?.slice(0, 300)} | parsePage ${JSON.stringify(b)?.slice(0, 300)}`;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return `${at}: differs`;
}

/** Scans each page; returns acceptance and the differences of accepted pages from parsePage. */
function compare(files: { file: string; text: string }[]) {
  let accepted = 0;
  let acceptedBytes = 0;
  let bytes = 0;
  const differing: string[] = [];
  const reasons = new Map<string, number>();
  for (const { file, text } of files) {
    bytes += text.length;
    const fast = scanPageOrReason(file, text, OPTIONS);
    if (typeof fast === 'string') {
      reasons.set(fast, (reasons.get(fast) ?? 0) + 1);
      continue;
    }
    accepted++;
    acceptedBytes += text.length;
    const d = firstDifference(fast, parsePage(file, text, OPTIONS));
    if (d) differing.push(`${file} ${d}`);
  }
  const share = `${accepted}/${files.length} pages (${pct(accepted, files.length)}), ${pct(acceptedBytes, bytes)} of bytes`;
  const top = [...reasons].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([r, n]) => `${r} ×${n}`).join(', ');
  return { accepted, differing, share, top };
}

const pct = (a: number, b: number) => `${b === 0 ? 0 : ((100 * a) / b).toFixed(1)}%`;

function read(abs: string, root: string) {
  return { file: path.relative(root, abs).split(path.sep).join('/'), text: fs.readFileSync(abs, 'utf8') };
}

describe('fast scanner: identical facts for every page it accepts', () => {
  it('on every page of test/** and examples/**', () => {
    const files = fixturePages().map((f) => read(f, REPO));
    expect(files.length).toBeGreaterThan(50);
    const r = compare(files);
    console.log(`fast scan, fixtures: ${r.share}; bails: ${r.top}`);
    expect(r.differing).toEqual([]);
    // The scanner must actually take pages, or this compares nothing.
    expect(r.accepted).toBeGreaterThan(files.length / 2);
  });

  const samples = corpusSamples(400_000);
  it.skipIf(samples.length === 0).each(samples.map((s) => [s.corpus, s] as const))('on a sample of %s', (_name, s) => {
    const root = path.join(CORPORA, s.corpus);
    const r = compare(s.files.map((f) => read(f, root)));
    console.log(`fast scan, ${s.corpus}: ${r.share}; bails: ${r.top}`);
    expect(r.differing).toEqual([]);
    expect(r.accepted).toBeGreaterThan(s.files.length / 2);
  }, 300_000);

  it('indexPage equals parsePage whether the scanner accepts or not', () => {
    for (const text of ['# A\n\n[b](/c)\n', 'a ~~b~~ c\n', '[^1]\n\n[^1]: x\n', '- a\n\n\tb\n']) {
      expect(JSON.stringify(indexPage('p.md', text, OPTIONS))).toBe(JSON.stringify(parsePage('p.md', text, OPTIONS)));
    }
  });
});

/** Cases the scanner must read exactly (it must accept them, and match parsePage). */
const MATCH: [string, string, string?][] = [
  ['links of every kind', '# T\n\n[a](/x "t") [b][r] [c][] [r] <https://e.com/> <me@e.com> ![i](/i.png) [![i](/i)](/j)\n\n[r]: /ref\n[c]: </c d>\n'],
  ['emphasis decides where text nodes split', 'a*b*c **d**e _f_g h_i_ ***j*** *k **l** m*\n'],
  ['micromark counts the rule of 3 on what is left of a run', '*a**b* ***c* d** ****e*\n'],
  ['entities, escapes, code and hard breaks', '&copy; &#65; &#x1F600; &nope; \\* `` a ` b `` x  \ny\\\nz\n'],
  ['literal autolinks and what trails them', 'see www.e.com/a_(b). and https://e.com/x?y=1, or me@e.co.uk; not x@y nor xwww.e.com\n'],
  ['an email literal may start with an underscore', '_a.b@e.org and __x@e.com\n'],
  ['a URL in link text stays text of the link', '[https://e.com/a](https://e.com/a) [www.e.com](/w)\n'],
  ['inline HTML links and anchors', 'a <a href="/x" id="k">b <b>c</b></a> <span id="s"></span> <br>\n'],
  ['an HTML block whose unquoted value micromark lets `=` follow', '<C a={b={c} />\n```\n\nafter [x](/y)\n'],
  ['HTML blocks of each kind', '<div>\n*a*\n</div>\n\n<!-- c\n-->\n\n<pre>\nx\n</pre>\n\n<x-y a="1">\n\n<?p?>\n'],
  ['lists, nesting and lazy lines', '- a\n  - b\nlazy\n\n1. c\n\n   d\n2) e\n> q\nlazy too\n\n- [x] task\n- [ ] open\n'],
  ['after indented code a list item interrupts', '    code\n\n2. not a list\n-\n'],
  ['setext headings start with their definitions', '[a]: /d\nTitle\n===\n\nSub\n---\n'],
  ['tables with escaped pipes in code', '| a | b |\n|:-|--:|\n| `x\\|y` [l](/u) | c \\| d |\n| e |\n\nafter\n'],
  ['related sections and link-only items', '## See also\n\n- [A](/a)\n- **[B](/b)**\n\n## Next\n\n- [C](/c) text\n'],
  ['CR and CRLF line endings', 'a\r\nb  \r\n\r\n# h\r- i\r  j\r'],
  ['tabs at the top level', '\tcode\n\n#\tHeading\n'],
  ['strikethrough, resolved in the order micromark first meets it', '~a~ ~~b~~ ~~~c~~~ \\~~d~ *e ~f* g~ ~h *i~ j*\n'],
  ['a delimiter row that reads as a list item', 'a | b\n- | -\n'],
  ['a table inside a list', '- a | b\n  --|--\n'],
  ['a table whose head interrupts a paragraph, in a list', '- text\n  | a | b |\n  |---|---|\n  | [c](/c) | d |\n\n  after\n'],
  ['frontmatter', '---\ntitle: X\ntags: [a, b]\n---\n# H\n'],
  ['MDX: imports, JSX flow and text, expressions, comments', 'import A from "./a"\nimport { B } from "b"\n\n<A href="/x">\n\nText <B to="/y">in</B> {x.y} {/* c */}\n\n</A>\n\n<!-- comment -->\n\n## Title {#custom}\n', 'p.mdx'],
  ['MDX: a tag across lines and lists inside a component', '<img\n  src="/a.png"\n  alt="A &amp; B"\n/>\n\n<Steps>\n1. one\n2. [two](/two)\n</Steps>\n', 'p.mdx'],
  ['MDX: a JSX link with paragraph content', '<Link href="/docs">\n\nRead the **docs**.\n\n</Link>\n', 'p.mdx'],
  // Tabs in container indentation: micromark's 4-column tab stops, a tab taken in part by a list
  // item or block quote leaves virtual spaces (HTML keeps them as spaces, at the tab's end offset).
  ['tabs in container prefixes: partial tabs in list items and quotes', '- a\n\n\tb [l](/l)\n\n>\t\tcode\n\n-\t\tfoo\n\n * a\n   * b\n\t * c [m](/m)\n'],
  ['HTML after a tab a list item took in part', '- a\n\n\t<a href="/x">y</a>\n\n- b\n\n  <!--\n\n\t\tx\n  --> <a href="/z">z</a>\n'],
  ['a tab before a closing fence, and fences indented with tabs in a list', '```\ncode\n\t```\n[l](/l)\n```\n\n- a\n\n\t```\n\tx\n\t```\n\n  [m](/m)\n'],
  ['MDX: tabs in container indentation', '1. Step\n\t- sub [a](/a)\n\t\t```js\n\t\tx\n\t\t```\n\t<Tabs>\n\t</Tabs>\n', 'p.mdx'],
  // MDX expressions across lines: acorn at each `}`; past a line ending micromark takes up to 2
  // columns of whitespace as a prefix. Expressions no brace closes make micromark throw: parsePage
  // then reports the error and reads the page as Markdown, and so does the scanner.
  ['MDX: a text expression across lines', 'a {b +\n  c} [l](/l)\n\n> d {e(\n> 1)} [m](/m)\n', 'p.mdx'],
  ['MDX: a flow expression across lines in containers', '- {a +\n    b}\n  [l](/l)\n\n> {`x\n>   y`}\n', 'p.mdx'],
  ['MDX: an expression acorn rejects (read as Markdown, with the error)', 'a {1 + } b [l](/l)\n', 'p.mdx'],
  ['MDX: a text expression no brace closes before its paragraph ends', 'x\n\n$$\nI = \\int_0^{2\\pi}\n$$\n\n[l](/l)\n', 'p.mdx'],
  ['MDX: an error at the end of an indented line maps to its chunk (fuzz)', '){"",\n   }\n\n[l](/l)\n', 'p.mdx'],
  ['MDX: a flow expression no brace closes takes the rest of the page', '# T\n\n{a +\n  b c\n\n[l](/l)\n', 'p.mdx'],
  // GFM footnotes: definitions are containers (4 columns of indentation), calls need a definition.
  ['footnote calls and definitions', 'a[^1] b![^n] [l](/l)\n\n[^1]: note [m](/m)\n    more\n\n        code\n[^n]:\tx\n'],
  ['a nested footnote definition goes on without indentation of its own (fuzz)', '[^1]: [^2]: x\n    - y [l](/l)\n'],
  ['a footnote call in a link-only list item', '- [a](/a)[^1]\n- [b](/b)\n\n[^1]: x\n'],
  ['a label no footnote definition can have makes a link definition', '[^a b]: /x\n\n[^a b] and [^c]\n'],
];

/** Cases the scanner must leave to parsePage (each is a construct it does not reproduce). */
const BAIL: [string, string, string?][] = [
  ['a second byte-order mark (micromark skips it and shifts offsets)', '\uFEFF\uFEFF# A\n'],
  ['unclosed code before a prefixed line (micromark moves line ending ends)', '> a ``b\n> <i>\n'],
  ['a literal autolink GFM finds only in the tree', '[www.e.com] is not a link\n'],
  ['an unclosed frontmatter fence (micromark then skips containers)', '---\n> a\n- b\n'],
  ['a table head on a lazy line', '> a\n| b |\n|---|\n'],
  ['HTML starting on a lazy line', '> a\n<b>\nc\n'],
  ['a tab in a delimiter row', 'a | b\n|---\t|---|\n'],
  ['a table head micromark reads afresh as HTML', 'a\n<span>\n| --- |\n'],
  ['MDX: a table head micromark reads afresh as an export', 'a\nexport const a = 1\n| --- |\n', 'p.mdx'],
  ['a NUL character (micromark reads U+FFFD)', 'a\u0000b\n'],
  ['a pathological line', `${'*'.repeat(300)}\n`],
  ['MDX that does not parse (parsePage reports it)', 'a <3 b\n', 'p.mdx'],
  ['MDX: `<` at the very end', 'a <', 'p.mdx'],
  ['MDX: an unclosed element', '<A>\n\ntext\n', 'p.mdx'],
  ['MDX: a JSX link around a code block (text and span come from its children)', '<a href="/x">\n\n```js\ncode\n```\n\n</a>\n', 'p.mdx'],
  ['MDX: a multi-line flow expression started on a lazy line (fuzz: micromark throws there)', '>y\n{\n}\n', 'p.mdx'],
  ['MDX: a multi-line flow expression whose container does not go on', '> {a +\nb}\n', 'p.mdx'],
  ['MDX: errors in two places (which micromark reports depends on its passes)', 'a {1 + } b\n\nc {3 4} d\n', 'p.mdx'],
];

describe('fast scanner: focused cases', () => {
  it.each(MATCH)('reads %s exactly', (_name, text, file = 'p.md') => {
    const fast = scanPageOrReason(file, text, OPTIONS);
    expect(typeof fast === 'string' ? `bailed: ${fast}` : 'accepted').toBe('accepted');
    expect(firstDifference(fast, parsePage(file, text, OPTIONS))).toBe('');
  });

  it.each(BAIL)('bails on %s', (_name, text, file = 'p.md') => {
    expect(scanPage(file, text, OPTIONS)).toBeNull();
  });

  it('keeps the options: link components and related headings', () => {
    const options = { linkComponents: ['Go'], navigationComponents: ['Menu'], relatedHeadings: ['more'] };
    const text = '<Menu>\n\n<Go to="/a">A</Go>\n\n</Menu>\n\n## More\n\n- [b](/b)\n';
    const fast = scanPage('p.mdx', text, options) as PageFacts;
    expect(fast).not.toBeNull();
    expect(fast.links.map((l) => [l.kind, l.url, l.placement])).toEqual([['jsx', '/a', 'navigation'], ['inline', '/b', 'related']]);
    expect(firstDifference(fast, parsePage('p.mdx', text, options))).toBe('');
  });
});

describe('fast scanner: random documents', () => {
  const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
  const seeds = loadSeeds();
  for (const file of ['p.md', 'p.mdx']) {
    it(`accepted random ${file} pages equal parsePage`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(markdownArb(seeds), (text) => {
          const fast = scanPage(file, text, OPTIONS);
          if (!fast) return;
          accepted++;
          expect(firstDifference(fast, parsePage(file, text, OPTIONS))).toBe('');
        }),
        { numRuns: RUNS, seed: 20240607 },
      );
      console.log(`fast scan, random ${file}: ${accepted}/${RUNS} accepted`);
      expect(accepted).toBeGreaterThan(RUNS / 20);
    }, Math.max(120_000, RUNS * 400));
  }
});

describe('fast scanner: simple MDX imports without acorn', () => {
  const ID = fc.oneof(
    { arbitrary: fc.constantFrom('A', 'Steps', 'b', '$x', '_y', 'ReadMore', 'a1', 'from', 'as', 'Tabs', 'TabItem', 'Code'), weight: 6 },
    { arbitrary: fc.constantFrom('class', 'default', 'await', 'eval', 'Ünï', '1a'), weight: 1 },
  );
  const SP = fc.constantFrom('', ' ', '  ', '\t');
  const specifier = fc.tuple(ID, fc.option(ID, { nil: undefined }), SP).map(([a, b, s]) => (b === undefined ? `${s}${a}${s}` : `${s}${a} as ${b}${s}`));
  const clause = fc.oneof(
    ID,
    ID.map((n) => `* as ${n}`),
    fc.tuple(fc.array(specifier, { maxLength: 4 }), fc.boolean()).map(([l, trailing]) => `{${l.join(',')}${trailing ? ',' : ''}}`),
    fc.tuple(ID, fc.array(specifier, { maxLength: 3 })).map(([d, l]) => `${d}, {${l.join(',')}}`),
  );
  const line = fc.tuple(clause, SP, SP, fc.constantFrom("'x'", '"y/z.js"', "'~/c.astro'", "'a\\'b'", '"q'), fc.constantFrom('', ';', '; ', ' // c'))
    .map(([c, s1, s2, from, end]) => `import${s1 === '' ? ' ' : s1}${c}${s2}from${s2}${from}${end}`);

  it('declares what acorn declares, and declines whatever acorn rejects', async () => {
    const { Parser } = await import('acorn');
    let simple = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), fc.array(ID, { maxLength: 2 }), (lines, before) => {
        const imported = [...new Set(before)].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !['class', 'default', 'await', 'eval'].includes(n));
        const source = lines.join('\n');
        const names = simpleImports(source, imported);
        if (names === undefined) return;
        simple++;
        const prefix = imported.length > 0 ? `var ${imported.join(',')}\n` : '';
        const program = Parser.parse(prefix + source, { ecmaVersion: 2024, sourceType: 'module' }) as unknown as { body: { type: string; specifiers: { local: { name: string } }[] }[] };
        const body = program.body.slice(prefix ? 1 : 0);
        expect(body.every((n) => n.type === 'ImportDeclaration')).toBe(true);
        expect(names).toEqual(body.flatMap((n) => n.specifiers.map((s) => s.local.name)));
      }),
      { numRuns: 6000, seed: 7 },
    );
    expect(simple).toBeGreaterThan(300);
  });
});
