// An English stemmer following the Snowball "english" (Porter2) algorithm, written from its
// published description (snowballstem.org/algorithms/english/stemmer.html). Pure and allocation-light:
// it works on one lowercase word and returns its stem.

const VOWELS = 'aeiouy';
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDINGS = 'cdeghkmnrt';
const R1_PREFIXES = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ'];

const EXCEPTIONS = new Map<string, string>([
  ['skis', 'ski'], ['skies', 'sky'], ['dying', 'die'], ['lying', 'lie'], ['tying', 'tie'],
  ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'], ['early', 'earli'], ['only', 'onli'], ['singly', 'singl'],
  ['sky', 'sky'], ['news', 'news'], ['howe', 'howe'], ['atlas', 'atlas'], ['cosmos', 'cosmos'], ['bias', 'bias'], ['andes', 'andes'],
]);
const AFTER_1A_INVARIANT = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

// Suffix tables, longest first so the first match is the longest one (as Snowball's `among`).
const STEP2: [string, string][] = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'],
  ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'],
  ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
];
const STEP3: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''],
  ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
const STEP4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];

/** Position after the first non-vowel that follows a vowel, from `from` on. */
function regionStart(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  return w.length;
}

/** The word ends (before `end`) in a short syllable. */
function endsShort(w: string, end: number): boolean {
  const a = w[end - 3], b = w[end - 2], c = w[end - 1];
  if (end === 2) return isVowel(b) && c !== undefined && !isVowel(c);
  return end >= 3 && !isVowel(a) && isVowel(b) && c !== undefined && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(w[i])) return true;
  return false;
}

// Sites repeat their vocabulary: a bounded memo makes stemming a lookup for most words.
const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/** Stems one English word. Input is lowercased; words of one or two letters come back unchanged. */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, (s = stemWord(word)));
  }
  return s;
}

function stemWord(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 2) return w;
  const ex = EXCEPTIONS.get(w);
  if (ex !== undefined) return ex;
  if (w.charCodeAt(0) === 39) w = w.slice(1);
  // y at the start or after a vowel is a consonant: mark it Y.
  if (w.includes('y')) {
    let out = '';
    for (let i = 0; i < w.length; i++) out += w[i] === 'y' && (i === 0 || isVowel(out[i - 1])) ? 'Y' : w[i];
    w = out;
  }
  let r1 = w.length;
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  r1 = prefix ? prefix.length : regionStart(w, 0);
  const r2 = regionStart(w, r1);

  // Step 0: apostrophes.
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);

  // Step 1a.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) { /* unchanged */ }
  else if (w.endsWith('s') && hasVowel(w, w.length - 2)) w = w.slice(0, -1);

  if (AFTER_1A_INVARIANT.has(w)) return w;

  // Step 1b.
  const eed = w.endsWith('eedly') ? 5 : w.endsWith('eed') ? 3 : 0;
  if (eed) {
    if (w.length - eed >= r1) w = w.slice(0, -eed) + 'ee';
  } else {
    const suf = ['ingly', 'edly', 'ing', 'ed'].find((s) => w.endsWith(s));
    if (suf && hasVowel(w, w.length - suf.length)) {
      w = w.slice(0, -suf.length);
      const end2 = w.slice(-2);
      if (end2 === 'at' || end2 === 'bl' || end2 === 'iz') w += 'e';
      else if (DOUBLES.has(end2)) w = w.slice(0, -1);
      else if (r1 === w.length && endsShort(w, w.length)) w += 'e';
    }
  }

  // Step 1c: y after a consonant that is not the first letter becomes i.
  const last = w[w.length - 1];
  if ((last === 'y' || last === 'Y') && w.length > 2 && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + 'i';

  // Step 2.
  for (const [suf, rep] of STEP2) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1) {
      if (suf === 'ogi') { if (w[at - 1] === 'l') w = w.slice(0, at) + rep; }
      else if (suf === 'li') { if (LI_ENDINGS.includes(w[at - 1] ?? '')) w = w.slice(0, at); }
      else w = w.slice(0, at) + rep;
    }
    break;
  }

  // Step 3.
  for (const [suf, rep] of STEP3) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1 && (suf !== 'ative' || at >= r2)) w = w.slice(0, at) + rep;
    break;
  }

  // Step 4.
  for (const suf of STEP4) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r2 && (suf !== 'ion' || w[at - 1] === 's' || w[at - 1] === 't')) w = w.slice(0, at);
    break;
  }

  // Step 5.
  const e = w.length - 1;
  if (w[e] === 'e' && (e >= r2 || (e >= r1 && !endsShort(w, e)))) w = w.slice(0, e);
  else if (w[e] === 'l' && e >= r2 && w[e - 1] === 'l') w = w.slice(0, e);

  return w.includes('Y') ? w.replace(/Y/g, 'y') : w;
}
