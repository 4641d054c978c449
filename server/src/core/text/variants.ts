// Word variants the stemmer does not join: British and American spellings, common abbreviations and
// numeronyms, and derivations ("creator" / "creation" / "create"). Each list is domain-independent on
// purpose: it says how English (and the web's jargon for itself) writes one word several ways, never
// what a topic is related to. Link insertion matches with `matchKey`; the other rules keep plain stems.
import { stem } from './stem';

/** British spellings to American ones, by suffix (applied to the whole word, before stemming). */
const SPELLING: [RegExp, string][] = [
  [/^(\p{L}{3,})is(e|es|ed|ing|er|ers|ation|ations)$/u, '$1iz$2'],
  [/^(\p{L}{2,})ys(e|es|ed|ing|er|ers)$/u, '$1yz$2'],
  [/^(\p{L}{3,})our(s|ed|ing|ful|ite|ites|able)?$/u, '$1or$2'],
  [/^(\p{L}{3,})tre(s)?$/u, '$1ter$2'],
  [/^(\p{L}{3,})ogue(s)?$/u, '$1og$2'],
  [/^licence(s)?$/u, 'license$1'],
];

/** Whole words written as a numeronym or a compound elsewhere ("website" and "site" name one thing). */
const WORDS = new Map<string, string>([
  ['website', 'site'], ['websites', 'sites'],
  ['internationalization', 'i18n'], ['internationalisation', 'i18n'],
  ['localization', 'l10n'], ['localisation', 'l10n'], ['localize', 'l10n'], ['localise', 'l10n'], ['localized', 'l10n'], ['localised', 'l10n'], ['localizing', 'l10n'], ['localising', 'l10n'],
  ['accessibility', 'a11y'],
  ['documentation', 'docs'],
]);

/** Stems of long words and their usual short forms ("configuration" and "config"). */
const STEMS = new Map<string, string>([
  ['configur', 'config'], ['applic', 'app'], ['repositori', 'repo'], ['inform', 'info'], ['introduct', 'intro'], ['environ', 'env'],
]);

/** A word with an American spelling and a common short form in place of its variants. */
export function canonicalWord(lower: string): string {
  const w = WORDS.get(lower);
  if (w !== undefined) return w;
  for (const [re, to] of SPELLING) if (re.test(lower)) return lower.replace(re, to);
  return lower;
}

/**
 * The root of a stem when a derivation is still visible: agent nouns ("builder", "creator") and the
 * "-tion" nouns the stemmer keeps ("creation", "collection") lose their suffix. Roots keep five
 * letters or more, so short words stay apart ("header" / "head", "author" / "auth", "user" / "use").
 */
export function derivationalRoot(s: string): string {
  const m = /^(\p{L}{5,})(?:er|or)$/u.exec(s) ?? /^(\p{L}{4,}t)ion$/u.exec(s);
  return m ? m[1]! : s;
}

/** The key two spellings of one word share: canonical word, Porter2 stem, short form, root. */
export function matchKey(lower: string): string {
  const s = stem(canonicalWord(lower));
  return STEMS.get(s) ?? derivationalRoot(s);
}
