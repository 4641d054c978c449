import { describe, expect, it } from 'vitest';
import { countWords, parsePage, DEFAULT_PARSE_OPTIONS, WORD } from '../../server/src/core/parse/page';
import type { LinkFact, PageFacts } from '../../server/src/core/types';

/** Span of the `nth` occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" (#${nth}) not in the text`);
  }
  return { start: i, end: i + needle.length };
}

function linkTo(page: PageFacts, url: string): LinkFact {
  const l = page.links.find((x) => x.url === url);
  if (!l) throw new Error(`no link to ${url}; links: ${page.links.map((x) => x.url).join(', ')}`);
  return l;
}

const slice = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);

describe('parsePage: Markdown link syntaxes', () => {
  it('inline link: kind, url, text and exact spans', () => {
    const text = 'Intro text.\n\nRead [the *guide*](../guide/ "Title") today.\n';
    const p = parsePage('content/a.md', text);
    expect(p.links).toHaveLength(1);
    const l = p.links[0]!;
    expect(l).toMatchObject({ kind: 'inline', url: '../guide/', text: 'the guide', image: false, hasHref: true, placement: 'content' });
    expect(l.span).toEqual(spanOf(text, '[the *guide*](../guide/ "Title")'));
    expect(l.urlSpan).toEqual(spanOf(text, '../guide/'));
    expect(l.textSpan).toEqual(spanOf(text, 'the *guide*'));
  });

  it('inline link with an angle-bracket destination', () => {
    const text = 'See [x](<a b.md>).\n';
    const l = parsePage('content/a.md', text).links[0]!;
    expect(l.url).toBe('a b.md');
    expect(slice(text, l.urlSpan)).toBe('a b.md');
  });

  it('reference link resolves its definition written after it; urlSpan points at the definition', () => {
    const text = 'Go to [the docs][Docs Ref] now.\n\n[docs ref]: /docs/start/ "Docs"\n';
    const p = parsePage('content/a.md', text);
    expect(p.links).toHaveLength(1);
    const l = p.links[0]!;
    expect(l).toMatchObject({ kind: 'reference', url: '/docs/start/', text: 'the docs', label: 'docs ref' });
    expect(l.span).toEqual(spanOf(text, '[the docs][Docs Ref]'));
    expect(l.urlSpan).toEqual(spanOf(text, '/docs/start/'));
    expect(l.textSpan).toEqual(spanOf(text, 'the docs'));
    expect(p.definitions).toEqual([{ label: 'docs ref', url: '/docs/start/', span: spanOf(text, '[docs ref]: /docs/start/ "Docs"') }]);
  });

  it('the first definition of a label wins', () => {
    const text = 'See [x][d].\n\n[d]: /first/\n[D]: /second/\n';
    const l = parsePage('content/a.md', text).links[0]!;
    expect(l.url).toBe('/first/');
    expect(l.urlSpan).toEqual(spanOf(text, '/first/'));
  });

  it('collapsed and shortcut references', () => {
    const text = 'Try [Alpha][] and [beta].\n\n[alpha]: /a/\n[beta]: /b/\n';
    const p = parsePage('content/a.md', text);
    expect(p.links.map((l) => [l.kind, l.url, l.text])).toEqual([['reference', '/a/', 'Alpha'], ['reference', '/b/', 'beta']]);
  });

  it('autolinks: <https://…> and GFM literal URLs', () => {
    const text = 'Visit <https://example.com/a> or https://example.org/b today.\n';
    const p = parsePage('content/a.md', text);
    expect(p.links).toHaveLength(2);
    const [a, b] = p.links as [LinkFact, LinkFact];
    expect(a).toMatchObject({ kind: 'autolink', url: 'https://example.com/a' });
    expect(a.span).toEqual(spanOf(text, '<https://example.com/a>'));
    expect(a.urlSpan).toEqual(spanOf(text, 'https://example.com/a'));
    expect(b).toMatchObject({ kind: 'autolink', url: 'https://example.org/b' });
    expect(b.span).toEqual(spanOf(text, 'https://example.org/b'));
    expect(b.urlSpan).toEqual(spanOf(text, 'https://example.org/b'));
  });

  it('HTML <a href> inline in a paragraph', () => {
    const text = 'Before <a href="/pricing/" class="x">our <b>pricing</b></a> after.\n';
    const p = parsePage('content/a.md', text);
    expect(p.links).toHaveLength(1);
    const l = p.links[0]!;
    expect(l).toMatchObject({ kind: 'html', url: '/pricing/', text: 'our pricing', element: 'a', hasHref: true, placement: 'content' });
    expect(l.span).toEqual(spanOf(text, '<a href="/pricing/" class="x">our <b>pricing</b></a>'));
    expect(l.urlSpan).toEqual(spanOf(text, '/pricing/'));
    expect(slice(text, l.textSpan)).toBe('our <b>pricing</b>');
  });

  it('HTML <a href> in an HTML block', () => {
    const text = '<div class="box">\n  <p>See <a href=\'/blog/\'>the blog</a>.</p>\n</div>\n';
    const p = parsePage('content/a.md', text);
    expect(p.links).toHaveLength(1);
    const l = p.links[0]!;
    expect(l).toMatchObject({ kind: 'html', url: '/blog/', text: 'the blog', element: 'a' });
    expect(l.span).toEqual(spanOf(text, "<a href='/blog/'>the blog</a>"));
    expect(l.urlSpan).toEqual(spanOf(text, '/blog/'));
    expect(l.textSpan).toEqual(spanOf(text, 'the blog'));
  });

  it('<a> without href and <button onclick> are recorded as non-links; <a id> is an anchor', () => {
    const text = '<div>\n<a class="x">No href</a>\n<button onclick="go()">Go</button>\n<a id="top"></a>\n</div>\n';
    const p = parsePage('content/a.md', text);
    expect(p.links.map((l) => [l.element, l.hasHref, l.hasOnClick, l.text])).toEqual([['a', false, false, 'No href'], ['button', false, true, 'Go']]);
    expect(p.links[1]!.span).toEqual(spanOf(text, '<button onclick="go()">Go</button>'));
    expect(p.anchors).toContain('top');
  });

  it('images: image true, alt as text; an image inside a link gives the link the alt text', () => {
    const text = 'A picture ![Alt text](/img/a.png) and [![Logo alt](/img/logo.png)](/home/).\n';
    const p = parsePage('content/a.md', text);
    const img = linkTo(p, '/img/a.png');
    expect(img).toMatchObject({ kind: 'inline', image: true, text: 'Alt text' });
    expect(img.urlSpan).toEqual(spanOf(text, '/img/a.png'));
    const outer = linkTo(p, '/home/');
    expect(outer).toMatchObject({ image: false, text: 'Logo alt' });
    expect(outer.urlSpan).toEqual(spanOf(text, '/home/'));
    expect(linkTo(p, '/img/logo.png')).toMatchObject({ image: true, text: 'Logo alt' });
  });
});

describe('parsePage: MDX', () => {
  it('JSX <a href>, <Link href>, <Link to>, expression literal and dynamic href', () => {
    const text = [
      'import X from "./x";',
      '',
      'Read <a href="/one/">one</a> and <Link href="/two/">two</Link>.',
      '',
      'Also <Link to="/three/">three</Link> and <Link href={"/four/"}>four</Link>.',
      '',
      'Skip <Link href={dynamicUrl}>dyn</Link> please.',
      '',
    ].join('\n');
    const p = parsePage('content/a.mdx', text);
    expect(p.problems).toEqual([]);
    expect(p.links.map((l) => [l.kind, l.element, l.url, l.text])).toEqual([
      ['jsx', 'a', '/one/', 'one'],
      ['jsx', 'Link', '/two/', 'two'],
      ['jsx', 'Link', '/three/', 'three'],
      ['jsx', 'Link', '/four/', 'four'],
    ]);
    const four = linkTo(p, '/four/');
    expect(four.span).toEqual(spanOf(text, '<Link href={"/four/"}>four</Link>'));
    expect(four.urlSpan).toEqual(spanOf(text, '/four/'));
    expect(four.textSpan).toEqual(spanOf(text, 'four', 1));
    const two = linkTo(p, '/two/');
    expect(two.urlSpan).toEqual(spanOf(text, '/two/'));
    expect(two.textSpan).toEqual(spanOf(text, 'two', 1));
    expect(p.links.some((l) => l.text === 'dyn')).toBe(false);
  });

  it('urlSpan of a JSX link is the attribute value even when the text repeats it', () => {
    const text = 'See <Link title="/a/" href="/a/">/a/</Link> here.\n';
    const l = parsePage('content/a.mdx', text).links[0]!;
    expect(l.urlSpan).toEqual(spanOf(text, '/a/', 1));
    expect(l.textSpan).toEqual({ start: text.indexOf('>/a/<') + 1, end: text.indexOf('>/a/<') + 4 });
  });

  it('links in <Footer> are navigation', () => {
    const text = '# Page\n\nBody [in text](/body/).\n\n<Footer>\n  <Link href="/legal/">Legal</Link>\n</Footer>\n';
    const p = parsePage('content/a.mdx', text);
    expect(linkTo(p, '/body/').placement).toBe('content');
    expect(linkTo(p, '/legal/').placement).toBe('navigation');
  });

  it('{#custom-id} headings in .mdx (Docusaurus style) and HTML comments parse without errors', () => {
    const text = '# Title\n\n<!-- a comment with <b>tags</b> -->\n\n## Install {#setup}\n\nText [x](#setup).\n';
    const p = parsePage('content/a.mdx', text);
    expect(p.problems).toEqual([]);
    expect(p.headings.map((h) => [h.text, h.slug, h.explicitId])).toEqual([['Title', 'title', undefined], ['Install', 'setup', 'setup']]);
    expect(p.headings[1]!.span).toEqual(spanOf(text, '## Install {#setup}'));
    expect(p.links[0]!.urlSpan).toEqual(spanOf(text, '#setup', 1));
  });

  it('an unclosed JSX element is positioned at its opening tag, not at 1:1', () => {
    const text = '# Title\n\nIntro [a](/a/).\n\n<Callout type="info">\n\nBody [b](/b/).\n';
    const p = parsePage('content/a.mdx', text);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]!.span.start).toBe(text.indexOf('<Callout'));
    expect(p.links.map((l) => l.url)).toEqual(['/a/', '/b/']);
  });

  it('an MDX syntax error gives one positioned parse-error and the Markdown fallback still extracts links', () => {
    const text = '# Title\n\nFine [first](/first/).\n\nBroken <div attr=>x</div> here.\n\nAfter [second](/second/).\n';
    const p = parsePage('content/a.mdx', text);
    const errs = p.problems.filter((x) => x.kind === 'parse-error');
    expect(errs).toHaveLength(1);
    const line = text.slice(0, errs[0]!.span.start).split('\n').length - 1;
    expect(line).toBe(4);
    expect(errs[0]!.message).toMatch(/MDX/);
    expect(p.links.map((l) => l.url)).toEqual(['/first/', '/second/']);
  });
});

describe('parsePage: placements', () => {
  it('content in paragraphs, prose list items, tables and blockquotes', () => {
    const text = [
      'Para [p](/p/) text.',
      '',
      '- A list item with [li](/li/) inside prose.',
      '',
      '| a | b |',
      '|---|---|',
      '| cell [t](/t/) | x |',
      '',
      '> Quoted [q](/q/) text.',
      '',
    ].join('\n');
    const p = parsePage('content/a.md', text);
    for (const u of ['/p/', '/li/', '/t/', '/q/']) expect(linkTo(p, u).placement, u).toBe('content');
  });

  it('a list item that is only a link is related', () => {
    const text = 'Intro.\n\n- [Only link](/only/)\n- **[Bold only](/bold/)**\n- [Link](/mixed/) with words after it\n';
    const p = parsePage('content/a.md', text);
    expect(linkTo(p, '/only/').placement).toBe('related');
    expect(linkTo(p, '/bold/').placement).toBe('related');
    expect(linkTo(p, '/mixed/').placement).toBe('content');
  });

  it('a link-only item with a nested link list (a table of contents) is related', () => {
    const text = 'Intro.\n\n- [Parent](/parent/)\n  - [Child](/child/)\n- [Prose](/prose/) item\n  - [Nested](/nested/)\n';
    const p = parsePage('content/a.md', text);
    expect(linkTo(p, '/parent/').placement).toBe('related');
    expect(linkTo(p, '/child/').placement).toBe('related');
    expect(linkTo(p, '/prose/').placement).toBe('content');
    expect(linkTo(p, '/nested/').placement).toBe('related');
  });

  it.each(['Related posts', 'Further reading', 'See also'])('a "%s" section is related until the next heading of the same or higher level', (heading) => {
    const text = `# T\n\n## ${heading}\n\nRead [a](/a/) now.\n\n### Sub\n\nAnd [b](/b/) too.\n\n## Next\n\nBody [c](/c/) here.\n`;
    const p = parsePage('content/a.md', text);
    expect(linkTo(p, '/a/').placement).toBe('related');
    expect(linkTo(p, '/b/').placement).toBe('related');
    expect(linkTo(p, '/c/').placement).toBe('content');
  });

  it('a link inside a heading is heading', () => {
    const text = '## About [our tool](/tool/)\n\nBody.\n';
    const l = parsePage('content/a.md', text).links[0]!;
    expect(l.placement).toBe('heading');
    expect(l.urlSpan).toEqual(spanOf(text, '/tool/'));
  });
});

describe('countWords', () => {
  it('counts what the WORD expression matches, on generated text of every script', () => {
    const pool = ['a', 'Z', '9', ' ', '-', "'", '’', 'é', 'ß', '漢', '字', 'ひ', 'カ', 'ー', '⺀', '々', '〆', '𝒜', '😀', '\ud800', '\udc00', '٣', '²', 'Ⅻ', '.', '\n', 'ـ', 'ا', 'ः', '्', '𠀀'];
    let seed = 7;
    const rnd = (n: number) => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0; };
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      for (let j = rnd(30); j > 0; j--) s += pool[rnd(pool.length)];
      expect(countWords(s), JSON.stringify(s)).toBe(s.match(WORD)?.length ?? 0);
    }
  });
});

describe('parsePage: headings, frontmatter, title, words', () => {
  it('front matter whose aliases make a cycle is kept, and the page is indexed', () => {
    const facts = parsePage('content/a.md', '---\ntitle: A page with a cycle in its front matter\na: &x\n  b: *x\n---\n# A\n\nSee [the other page](/other-page-with-a-long-url/).\n');
    const fm = facts.frontmatter as { title: string; a: { b: unknown } };
    expect(fm.title).toBe('A page with a cycle in its front matter');
    expect(fm.a.b).toBe(fm.a);
    expect(facts.links[0]!.url).toBe('/other-page-with-a-long-url/');
  });


  it('GitHub slugs with duplicates and {#custom-id} in .md', () => {
    const text = '# Hello, World!\n\n## Setup\n\n## Setup\n\n## Café & Crème {#custom}\n\n## Setup\n';
    const p = parsePage('content/a.md', text);
    expect(p.headings.map((h) => h.slug)).toEqual(['hello-world', 'setup', 'setup-1', 'custom', 'setup-2']);
    expect(p.headings[3]).toMatchObject({ text: 'Café & Crème', explicitId: 'custom', depth: 2 });
    expect(p.h1).toBe('Hello, World!');
  });

  it('YAML frontmatter: data, title from frontmatter wins over H1, body starts after it', () => {
    const text = '---\ntitle: "FM title"\ntags: [a, b]\n---\n# H1 title\n\nBody.\n';
    const p = parsePage('content/a.md', text);
    expect(p.frontmatter).toEqual({ title: 'FM title', tags: ['a', 'b'] });
    expect(p.title).toBe('FM title');
    expect(p.h1).toBe('H1 title');
    expect(p.bodyStart).toBe(text.indexOf('# H1'));
    expect(p.problems).toEqual([]);
  });

  it('TOML frontmatter', () => {
    const text = '+++\ntitle = "Toml title"\ndraft = true\n+++\n\nBody.\n';
    const p = parsePage('content/a.md', text);
    expect(p.frontmatter).toEqual({ title: 'Toml title', draft: true });
    expect(p.title).toBe('Toml title');
  });

  it('title falls back to the H1', () => {
    expect(parsePage('content/a.md', '---\ndate: 2024-01-01\n---\n# The H1\n').title).toBe('The H1');
    expect(parsePage('content/a.md', 'No heading.\n').title).toBeNull();
  });

  it('a YAML error is a frontmatter-error at the bad line; the body is still indexed', () => {
    const text = '---\ntitle: ok\ntags: [a, b\nother: 1\n---\n# Body heading\n\nA [link](/l/).\n';
    const p = parsePage('content/a.md', text);
    expect(p.problems).toHaveLength(1);
    const prob = p.problems[0]!;
    expect(prob.kind).toBe('frontmatter-error');
    const line = text.slice(0, prob.span.start).split('\n').length - 1;
    expect(line).toBeGreaterThanOrEqual(2);
    expect(line).toBeLessThanOrEqual(4);
    expect(p.frontmatter).toBeNull();
    expect(p.links.map((l) => l.url)).toEqual(['/l/']);
    expect(p.h1).toBe('Body heading');
  });

  it('a YAML error on a specific line is reported on that line', () => {
    const text = '---\ntitle: ok\nbad: : value\n---\nBody.\n';
    const p = parsePage('content/a.md', text);
    expect(p.problems).toHaveLength(1);
    expect(text.slice(0, p.problems[0]!.span.start).split('\n').length - 1).toBe(2);
  });

  it('a TOML error is positioned at its line', () => {
    const text = '+++\ntitle = "x"\nbroken = \n+++\nBody.\n';
    const p = parsePage('content/a.md', text);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]!.kind).toBe('frontmatter-error');
    expect(text.slice(0, p.problems[0]!.span.start).split('\n').length - 1).toBe(2);
  });

  it('word count skips code, counts CJK characters', () => {
    expect(parsePage('content/a.md', 'One two three.\n\n```\nnot counted here\n```\n\nFour `code` five.\n').wordCount).toBe(5);
    const cjk = parsePage('content/a.md', '日本語のテキスト\n');
    expect(cjk.wordCount).toBe(8);
  });

  it('CJK text: link spans', () => {
    const text = '最初の文です。これは[リンク](/ja/)の文です。最後。\n';
    const p = parsePage('content/a.md', text);
    const l = p.links[0]!;
    expect(l.span).toEqual(spanOf(text, '[リンク](/ja/)'));
    expect(l.text).toBe('リンク');
  });

  it('uses configured link and navigation components', () => {
    const text = '<Nav><MyLink href="/a/">A</MyLink></Nav>\n\nBody <MyLink href="/b/">B</MyLink>.\n';
    const p = parsePage('content/a.mdx', text, { ...DEFAULT_PARSE_OPTIONS, linkComponents: ['MyLink'], navigationComponents: ['Nav'] });
    expect(p.links.map((l) => [l.url, l.placement])).toEqual([['/a/', 'navigation'], ['/b/', 'content']]);
  });
});
