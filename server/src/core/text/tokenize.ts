import { stem } from './stem';

// Words: runs of letters, digits and combining marks; an inner apostrophe keeps "don't" whole and
// inner dots keep version numbers ("3.1", "v20.1.0") apart.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’]\p{L}+|\.\p{N}+)*/gu;

/**
 * Lowercased words of a text, in order. Possessive "'s" is dropped; hyphens and slashes split words.
 * HTML comments and tags are skipped: heading texts may carry `<!-- … -->` suppression comments.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const plain = text.includes('<') ? text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<\/?[A-Za-z][^<>]*>/g, ' ') : text;
  // NFKC folds full-width letters and ligatures; ASCII text needs none of it.
  const folded = (/^[\x00-\x7f]*$/.test(plain) ? plain : plain.normalize('NFKC')).toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null; m = WORD.exec(folded)) {
    let w = m[0].includes('’') ? m[0].replace(/’/g, "'") : m[0];
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w !== '') out.push(w);
  }
  return out;
}

/**
 * English function words that carry no topic. A compact list in the spirit of the Snowball and
 * Lucene English stop lists, plus the filler words of anchors ("click", "here").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a about above after again against all also am an and any are aren\'t as at be because been before being below ' +
    'between both but by can can\'t cannot could couldn\'t did didn\'t do does doesn\'t doing don\'t down during each ' +
    'few for from further get gets got had hadn\'t has hasn\'t have haven\'t having he her here hers herself him himself ' +
    'his how i if in into is isn\'t it it\'s its itself just let\'s me more most mustn\'t my myself no nor not now of off ' +
    'on once only or other ought our ours ourselves out over own same shan\'t she should shouldn\'t so some such than ' +
    'that that\'s the their theirs them themselves then there there\'s these they this those through to too under until ' +
    'up us very via was wasn\'t we were weren\'t what what\'s when where which while who whom why will with won\'t would ' +
    'wouldn\'t you you\'re your yours yourself yourselves').split(/\s+/),
);

/** Words that fill anchors without describing the destination ("click here to read the article"). */
export const ANCHOR_FILLER: ReadonlySet<string> = new Set(
  'click tap read see learn find check go visit page link website site article post info information details'.split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Remembers a pure function of a string. Rules ask for the same anchors and titles on every
 * re-analysis (one per edit); the cache is emptied when it holds `max` entries.
 */
function memo<T>(fn: (text: string) => T, max = 50_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(text);
      cache.set(text, v);
    }
    return v;
  };
}

const termsMemo = memo(computeTerms);
const anchorTermsMemo = memo(computeAnchorTerms);

/** The meaningful terms of a text: tokens without stop words or one-letter tokens, stemmed. */
export function terms(text: string): string[] {
  return termsMemo(text).slice();
}

function computeTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.length < 2 && !/\p{Lo}/u.test(t)) continue;
    if (STOP_WORDS.has(t)) continue;
    out.push(stem(t));
  }
  return out;
}

/** The terms of an anchor text: like `terms`, also without filler words such as "click" or "page". */
export function anchorTerms(text: string): string[] {
  return anchorTermsMemo(text).slice();
}

function computeAnchorTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.length < 2 && !/\p{Lo}/u.test(t)) continue;
    if (STOP_WORDS.has(t) || ANCHOR_FILLER.has(t)) continue;
    out.push(stem(t));
  }
  return out;
}

/** Anchor text compared across links: case-folded, punctuation dropped, whitespace collapsed. */
export const normalizeAnchor: (text: string) => string = memo((text) => text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim());

/**
 * Words of a URL path or file name: the last meaningful segment, split on `-`, `_`, `.`, camelCase.
 * `/blog/invoice-generator/` and `content/blog/invoice-generator.md` both give "invoice generator".
 */
export function slugWords(pathOrUrl: string): string {
  const path = pathOrUrl.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  const segs = path.split('/').map((s) => s.replace(/\.(md|mdx|markdown|html?)$/i, '')).filter((s) => s !== '');
  let last = segs.pop();
  while (last !== undefined && /^(index|_index|readme)$/i.test(last)) last = segs.pop();
  if (last === undefined) return '';
  let decoded = last;
  try { decoded = decodeURIComponent(last); } catch { /* keep it as written */ }
  return decoded.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_.+]+/g, ' ').trim();
}
