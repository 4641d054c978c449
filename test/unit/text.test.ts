import { describe, expect, it } from 'vitest';
import {
  anchorTerms, canonicalWord, derivationalRoot, GENERIC_ANCHOR_LANGUAGES, isGenericAnchor, matchKey, looksLikeUrl, normalizeAnchor, slugWords, stem, terms, tokenize,
} from '../../server/src/core/text/index';

describe('tokenize', () => {
  it('lowercases, splits on punctuation, hyphens and slashes, drops possessives', () => {
    expect(tokenize("Ledgerly's Invoice-Generator: free/online!")).toEqual(['ledgerly', 'invoice', 'generator', 'free', 'online']);
  });
  it('keeps contractions and version numbers whole', () => {
    expect(tokenize("Don't upgrade to v20.1.0 or 3.1")).toEqual(["don't", 'upgrade', 'to', 'v20.1.0', 'or', '3.1']);
  });
  it('skips HTML comments and tags', () => {
    expect(tokenize('Invoices <!-- pillarlink-disable-line --> <b>fast</b> a<b')).toEqual(['invoices', 'fast', 'a', 'b']);
  });
  it('handles letters outside ASCII', () => {
    expect(tokenize('Más información über Straße')).toEqual(['más', 'información', 'über', 'straße']);
  });
});

describe('stem (Porter2)', () => {
  const same = (...words: string[]) => expect(new Set(words.map(stem)).size, words.join(', ')).toBe(1);
  it('reduces English inflections to one stem', () => {
    same('generator', 'generators');
    same('generate', 'generating', 'generated', 'generates');
    same('invoice', 'invoices', 'invoicing', 'invoiced');
    same('payment', 'payments');
    same('price', 'prices', 'pricing');
    same('category', 'categories');
  });
  it('matches the Snowball reference on known words', () => {
    const cases: Record<string, string> = {
      invoices: 'invoic', generate: 'generat', generators: 'generat', running: 'run', hopped: 'hop', hoped: 'hope',
      cries: 'cri', ties: 'tie', gas: 'gas', gaps: 'gap', happily: 'happili', relational: 'relat', conditional: 'condit',
      dying: 'die', news: 'news', proceed: 'proceed', agreed: 'agre', feed: 'feed', sky: 'sky', cats: 'cat', is: 'is',
      yellow: 'yellow', saying: 'say', fluently: 'fluentli', communication: 'communic',
    };
    for (const [w, s] of Object.entries(cases)) expect(stem(w), w).toBe(s);
  });
  it('keeps the newer Snowball R1 prefixes apart from their stems', () => {
    // Snowball 3 marks "organ" and "univers" as prefixes so "organization" does not become "organ".
    expect(stem('organization')).toBe('organiz');
    expect(stem('universal')).not.toBe(stem('universe'));
  });
  it('leaves words of two letters alone', () => {
    expect(stem('as')).toBe('as');
  });
});

describe('terms', () => {
  it('drops stop words and stems the rest', () => {
    expect(terms('How to generate invoices for your clients')).toEqual(['generat', 'invoic', 'client']);
  });
  it('lets "invoice generator" meet "generate invoices"', () => {
    expect(new Set(terms('invoice generator'))).toEqual(new Set(terms('generate invoices')));
  });
  it('anchor terms also drop filler such as "click" and "page"', () => {
    expect(anchorTerms('click to read the invoice page')).toEqual(['invoic']);
    expect(terms('landing page')).toEqual(['land', 'page']);
  });
});

describe('normalizeAnchor', () => {
  it('folds case, punctuation and whitespace', () => {
    expect(normalizeAnchor('  Invoice   Generator! ')).toBe('invoice generator');
    expect(normalizeAnchor('Invoice-generator')).toBe('invoice generator');
  });
});

describe('isGenericAnchor', () => {
  it('knows the English list and its variants', () => {
    for (const t of ['Click here', 'read more', 'Learn more.', 'here', 'this page', 'More info']) expect(isGenericAnchor(t), t).toBe(true);
    for (const t of ['invoice generator', 'read more about invoices', 'pricing']) expect(isGenericAnchor(t), t).toBe(false);
  });
  it('knows the other Lighthouse languages', () => {
    expect(isGenericAnchor('hier klicken')).toBe(true);
    expect(isGenericAnchor('Más información')).toBe(true);
    expect(isGenericAnchor('clique aqui')).toBe(true);
    expect(isGenericAnchor('läs mer')).toBe(true);
    expect(isGenericAnchor('続きを読む')).toBe(true);
    expect(isGenericAnchor('자세히 보기')).toBe(true);
    expect(isGenericAnchor('اطلاعات بیشتر')).toBe(true);
    expect(GENERIC_ANCHOR_LANGUAGES).toEqual(expect.arrayContaining(['en', 'ja', 'es', 'pt', 'ko', 'sv', 'de', 'ta', 'fa']));
  });
  it('with a language, uses only that list', () => {
    expect(isGenericAnchor('hier', 'de-AT')).toBe(true);
    expect(isGenericAnchor('hier', 'en')).toBe(false);
    expect(isGenericAnchor('hier', 'xx')).toBe(true);
  });
});

describe('looksLikeUrl', () => {
  it('recognises URLs and paths, not prose', () => {
    for (const t of ['https://example.com/a', '//cdn.example.com/x', 'www.example.com', '/blog/post/', 'example.com/pricing']) expect(looksLikeUrl(t), t).toBe(true);
    for (const t of ['invoice generator', 'and/or', 'Node.js', '']) expect(looksLikeUrl(t), t).toBe(false);
  });
});

describe('slugWords', () => {
  it('reads the last meaningful segment of a URL or file', () => {
    expect(slugWords('/blog/invoice-generator/')).toBe('invoice generator');
    expect(slugWords('content/tools/invoice-generator/index.mdx')).toBe('invoice generator');
    expect(slugWords('Web/CSS/Guides/Flexible_box_layout')).toBe('Flexible box layout');
    expect(slugWords('https://x.example/a/freeInvoiceTemplates?x=1#top')).toBe('free Invoice Templates');
    expect(slugWords('/')).toBe('');
  });
});

describe('word variants (link insertion matching)', () => {
  it('maps British and American spellings and short forms to one word', () => {
    expect(matchKey('optimise')).toBe(matchKey('optimize'));
    expect(matchKey('colour')).toBe(matchKey('color'));
    expect(matchKey('documentation')).toBe(matchKey('docs'));
    expect(canonicalWord('website')).toBe(canonicalWord('site'));
  });
  it('relates agent and -tion nouns to their verb, but keeps short roots apart', () => {
    expect(matchKey('builder')).toBe(matchKey('build'));
    expect(matchKey('generator')).toBe(matchKey('generate'));
    expect(matchKey('header')).not.toBe(matchKey('head'));
    expect(derivationalRoot('water')).toBe('water');
  });
  it('leaves unrelated words distinct', () => {
    expect(matchKey('invoice')).not.toBe(matchKey('voice'));
    expect(matchKey('deploy')).not.toBe(matchKey('develop'));
  });
  it('memoised term functions return fresh arrays', () => {
    const a = terms('Invoice generators generate invoices');
    a.push('mutated');
    expect(terms('Invoice generators generate invoices')).not.toContain('mutated');
  });
});
