import { describe, expect, it } from 'vitest';
import { parsePage } from '../../server/src/core/parse/page';
import { computeLineStarts, offsetAt, positionAt, spanToRange, stripBom } from '../../server/src/core/positions';
import type { PageFacts, Position } from '../../server/src/core/types';

function rangeOfUrl(p: PageFacts, url: string) {
  const l = p.links.find((x) => x.url === url);
  if (!l?.urlSpan) throw new Error(`no link to ${url}`);
  return spanToRange(p.lineStarts, p.length, l.urlSpan);
}

const pos = (line: number, character: number): Position => ({ line, character });

describe('line starts and positions', () => {
  it('\\r\\n, lone \\r and \\n each end one line', () => {
    const text = 'a\r\nb\rc\nd';
    expect(computeLineStarts(text)).toEqual([0, 3, 5, 7]);
    expect(positionAt(computeLineStarts(text), text.length, 5)).toEqual(pos(2, 0));
  });

  it('offsetAt never lands between \\r and \\n, nor past the end of a line', () => {
    const text = 'ab\r\ncd\r\n';
    const ls = computeLineStarts(text);
    expect(offsetAt(ls, text.length, text, pos(0, 2))).toBe(2);
    expect(offsetAt(ls, text.length, text, pos(0, 3))).toBe(2);
    expect(offsetAt(ls, text.length, text, pos(0, 99))).toBe(2);
    expect(offsetAt(ls, text.length, text, pos(1, 1))).toBe(5);
    expect(offsetAt(ls, text.length, text, pos(2, 0))).toBe(text.length);
    expect(offsetAt(ls, text.length, text, pos(9, 0))).toBe(text.length);
    expect(offsetAt(ls, text.length, text, pos(-1, 3))).toBe(0);
  });

  it('offsetAt and positionAt round-trip for every offset that is not inside a line break', () => {
    const text = 'x\r\n😀y\rz\n\r\n';
    const ls = computeLineStarts(text);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      expect(offsetAt(ls, text.length, text, positionAt(ls, text.length, o)), `offset ${o}`).toBe(o);
    }
  });

  it('stripBom removes only a leading BOM', () => {
    expect(stripBom('\uFEFFabc')).toBe('abc');
    expect(stripBom('a\uFEFFb')).toBe('a\uFEFFb');
  });
});

describe('link positions in pages', () => {
  it('CRLF line endings', () => {
    const p = parsePage('content/a.md', '# T\r\n\r\nSee [x](/target/) now.\r\n');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(2, 8), end: pos(2, 16) });
  });

  it('lone CR line endings', () => {
    const p = parsePage('content/a.md', '# T\r\rSee [x](/target/) now.\r');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(2, 8), end: pos(2, 16) });
  });

  it('a BOM is not counted: positions are relative to the text without it', () => {
    const p = parsePage('content/a.md', '\uFEFF[x](/target/)\n');
    expect(p.links[0]!.span).toEqual({ start: 0, end: 13 });
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(0, 4), end: pos(0, 12) });
    const fm = parsePage('content/a.md', '\uFEFF---\ntitle: T\n---\nBody.\n');
    expect(fm.frontmatter).toEqual({ title: 'T' });
  });

  it('an emoji (surrogate pair) before a link counts as two UTF-16 characters', () => {
    const p = parsePage('content/a.md', 'Hi 😀 [x](/target/)\n');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(0, 10), end: pos(0, 18) });
  });

  it('ZWJ emoji sequences are counted in UTF-16 units', () => {
    const family = '👨‍👩‍👧';
    expect(family.length).toBe(8);
    const p = parsePage('content/a.md', `${family} [x](/target/)\n`);
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(0, 13), end: pos(0, 21) });
  });

  it('CJK characters before a link', () => {
    const p = parsePage('content/a.md', '日本語 [リンク](/target/)\n');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(0, 10), end: pos(0, 18) });
  });

  it('MDX with CRLF and emoji: JSX href position', () => {
    const p = parsePage('content/a.mdx', '# T\r\n\r\n😀 <Link href="/target/">x</Link>\r\n');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(2, 15), end: pos(2, 23) });
  });

  it('HTML comments and heading ids in CRLF .mdx keep positions', () => {
    const p = parsePage('content/a.mdx', '<!-- c -->\r\n\r\n## H {#id}\r\n\r\n[x](/target/)\r\n');
    expect(p.problems).toEqual([]);
    expect(p.headings[0]!.slug).toBe('id');
    expect(rangeOfUrl(p, '/target/')).toEqual({ start: pos(4, 4), end: pos(4, 12) });
  });
});
