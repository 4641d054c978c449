// Shared pieces of the fuzz tests: seed pages (real corpora when present, else the committed
// excerpts), fast-check arbitraries for Markdown/MDX, and the invariants every analysis must keep.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Finding, PageFacts, Span } from '../../server/src/core/types';
import { offsetAt, positionAt } from '../../server/src/core/positions';

const CORPORA = '/work/shared/corpora';
const SEEDS_DIR = path.join(__dirname, 'seeds');

/** Up to `max` small real pages: a few from the corpora if the folder exists, else the committed seeds. */
export function loadSeeds(max = 12): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dirs = ['astro-docs/src/content/docs/en/guides', 'docusaurus-website/website/docs/api/themes', 'nodejs-org/apps/site/pages/en/blog/vulnerability'];
  if (fs.existsSync(CORPORA)) {
    for (const d of dirs) {
      const abs = path.join(CORPORA, d);
      if (!fs.existsSync(abs)) continue;
      const names = fs.readdirSync(abs).filter((n) => /\.mdx?$/.test(n)).sort().slice(0, Math.ceil(max / dirs.length));
      // Excerpts keep the run fast; the head of a page has frontmatter, imports, headings and links.
      for (const n of names) out.push({ name: n, text: fs.readFileSync(path.join(abs, n), 'utf8').slice(0, 2500) });
    }
  }
  if (out.length === 0) {
    for (const n of fs.readdirSync(SEEDS_DIR).filter((x) => /\.mdx?$/.test(x))) out.push({ name: n, text: fs.readFileSync(path.join(SEEDS_DIR, n), 'utf8') });
  }
  return out.slice(0, max);
}

/** Fragments chosen to hit edge cases: syntax, line ends, astral and combining characters. */
export const FRAGMENTS = [
  '# ', '## Heading {#custom-id}\n', '[', ']', '(', ')', '[link](/blog/post/)', '[rel](../x.md#frag)', '![img](/a.png)', '<a href="/x">x</a>',
  '<Link href="/y">y</Link>', '<Link to={"/z"} />', '{/* c */}', '{1 + }', '<!-- pillarlink-disable-next-line -->', '---\n', '+++\n', 'title: "x"\n',
  '> ', '- ', '1. ', '```\n', '`', '*', '_', '~~', '|a|b|\n|-|-|\n', '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\uFEFF', '😀', '👩‍👩‍👧‍👦', 'é', 'e\u0301', '中文字', '\uD800', '\uDC00',
  '<<<<<<< HEAD\n', '=======\n', '>>>>>>> branch\n', 'import X from "y"\n', 'export const a = 1\n', '[ref]: /r "t"\n', '[ref]', 'https://example.com/a', '%2e%2e/', '..%2f', 'file:///etc/passwd',
];

/** Random text mixing seed slices, fragments and arbitrary strings. */
export function markdownArb(seeds: { text: string }[]): fc.Arbitrary<string> {
  const seedSlice = fc.tuple(fc.constantFrom(...seeds.map((s) => s.text)), fc.nat(), fc.nat()).map(([t, a, b]) => {
    const s = a % (t.length + 1);
    return t.slice(s, s + (b % 600));
  });
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: seedSlice },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  return fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
}

/** A seed page mutated by inserting, deleting and replacing slices. */
export function mutatedSeedArb(seeds: { text: string }[]): fc.Arbitrary<string> {
  const op = fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.nat({ max: 50 }), fc.constantFrom(...FRAGMENTS));
  return fc.tuple(fc.constantFrom(...seeds.map((s) => s.text)), fc.array(op, { maxLength: 8 })).map(([text, ops]) => {
    let t = text;
    for (const [kind, at, len, frag] of ops) {
      const i = at % (t.length + 1);
      if (kind === 'insert') t = t.slice(0, i) + frag + t.slice(i);
      else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + len);
      else t = t.slice(0, i) + frag + t.slice(i + frag.length);
    }
    return t;
  });
}

/** Length of each line without its line break. */
function lineLengths(text: string, lineStarts: readonly number[]): number[] {
  return lineStarts.map((s, i) => {
    let e = i + 1 < lineStarts.length ? lineStarts[i + 1]! : text.length;
    while (e > s && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e - s;
  });
}

/** Problems with a span: outside the text, reversed, or splitting a surrogate pair. */
export function spanProblems(text: string, span: Span, what: string): string[] {
  const out: string[] = [];
  if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) out.push(`${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
  for (const o of [span.start, span.end]) {
    const hi = text.charCodeAt(o - 1);
    const lo = text.charCodeAt(o);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) out.push(`${what}: offset ${o} splits a surrogate pair`);
    if (hi === 13 && lo === 10) out.push(`${what}: offset ${o} is between \\r and \\n`);
  }
  return out;
}

/** Every invariant of one page's facts and of the findings on it; returns the violations. */
export function checkPage(text: string, page: PageFacts, findings: readonly Finding[]): string[] {
  const out: string[] = [];
  const lens = lineLengths(text, page.lineStarts);
  if (page.length !== text.length) out.push(`length ${page.length} != ${text.length}`);
  for (const l of page.links) {
    out.push(...spanProblems(text, l.span, `link ${l.url}`));
    if (l.urlSpan) out.push(...spanProblems(text, l.urlSpan, `urlSpan ${l.url}`));
    // UTF-16 round trip: offset → position → offset is the identity on every boundary.
    for (const o of [l.span.start, l.span.end]) {
      const back = offsetAt(page.lineStarts, page.length, text, positionAt(page.lineStarts, page.length, o));
      if (back !== o && !(text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10)) out.push(`round trip of ${o} gave ${back}`);
    }
  }
  for (const h of page.headings) out.push(...spanProblems(text, h.span, `heading ${h.text}`));
  for (const p of page.problems) out.push(...spanProblems(text, p.span, `problem ${p.message}`));
  for (const f of findings) {
    const { start, end } = f.range;
    for (const [name, p] of [['start', start], ['end', end]] as const) {
      if (p.line < 0 || p.line >= page.lineStarts.length) out.push(`${f.rule} ${name} line ${p.line} outside 0-${page.lineStarts.length - 1}`);
      else if (p.character < 0 || p.character > lens[p.line]!) out.push(`${f.rule} ${name} ${p.line}:${p.character} past the line's end (${lens[p.line]}) or between \\r and \\n`);
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) out.push(`${f.rule} range reversed`);
  }
  return out;
}
