// Words with their offsets in the source, keyed with the shared text module (core/text/): link
// insertion needs to know where each word is written, and matches words by `matchKey` (the stem,
// joined across spellings, short forms and derivations: "website" = "site", "creator" = "creation").
import { isGenericAnchor, matchKey, stem, STOP_WORDS, terms } from '../text/index';

export { isGenericAnchor, stem, terms };

export interface Token {
  /** The word as written. */
  word: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
  stop: boolean;
}

const GENERIC_WORDS = new Set(['click', 'here', 'read', 'learn', 'more', 'link', 'check', 'continue', 'see']);

/** Nouns that name a document: "the middleware guide" names the page it links to. */
export const DOCUMENT_NOUNS = new Set(['guide', 'guides', 'docs', 'documentation', 'chapter', 'article', 'tutorial', 'reference', 'handbook', 'walkthrough', 'overview', 'primer', 'recipe', 'cookbook']);

export function isGenericWord(lower: string): boolean {
  return GENERIC_WORDS.has(lower);
}

// As the shared tokenizer: inner apostrophes and version dots stay inside a word.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’]\p{L}+|\.\p{N}+)*/gu;

// Versions compare by their significant part: "v5", "5.0" and "5.0.0" are one term.
const VERSION = /^v?(\d+(?:\.\d+)*?)(?:\.0)*$/;

function stemOf(lower: string): string {
  const v = VERSION.exec(lower);
  if (v) return v[1]!;
  return matchKey(lower.replace(/'s$/, ''));
}

/** Stemmed content words of a phrase, as `tokenize` sees them. */
export function contentStems(text: string): string[] {
  return tokenize(text).filter((t) => !t.stop).map((t) => t.stem);
}

/** Words of `text` with their offsets (relative to `base`). */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const lower = word.toLowerCase().replace(/’/g, "'");
    out.push({ word, lower, stem: stemOf(lower), start: base + m.index, end: base + m.index + word.length, stop: STOP_WORDS.has(lower.replace(/'s$/, '')) || STOP_WORDS.has(lower) || (lower.length < 2 && !/\p{Lo}/u.test(lower)) });
  }
  return out;
}

