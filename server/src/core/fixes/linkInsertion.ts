// The signature fix: find phrases in a page's own prose that express a target page's intent, and
// turn the best one into a contextual link. Matching is by stems, so "invoice generator" also
// matches "invoice generators" and "generate invoices".
import { keywordsOf } from '../clusters';
import { searchConsoleOf, topQueries } from '../gsc/index';
import type { SiteModel } from '../model';
import { basename, stripExtension } from '../paths';
import type { Span } from '../types';
import { detectLinkStyle, escapeAnchor, linkUrl, markdownLink } from './linkStyle';
import { proseOf, type ProseBlock, type Sentence } from './prose';
import type { FileEdit } from './types';
import { contentStems, DOCUMENT_NOUNS, isGenericAnchor, isGenericWord, tokenize, type Token } from './words';

export interface IntentPhrase {
  text: string;
  stems: string[];
  weight: number;
  source: 'title' | 'keyword' | 'alias' | 'query' | 'h1' | 'slug' | 'parent' | 'heading' | 'cluster' | 'description' | 'tag' | 'lead';
}

/** What a target page is about, as weighted phrases. */
export interface Intent {
  file: string;
  title: string;
  phrases: IntentPhrase[];
  /** Every intent stem with its best weight. */
  vocabulary: Map<string, number>;
  /** Stems of the phrases that name or summarise the page (not its headings or lead): an anchor holds at least one. */
  core: Set<string>;
  /**
   * Adjacent content-word pairs of each heading ("searching information" of "Searching for information"):
   * an anchor made of heading words alone names a section of the target only when it follows one of them.
   */
  headingPairs: Set<string>;
  /**
   * Head words of the names (the last word of each run of content words: "generator" of "Free invoice
   * generator", "redirections" of "Redirections in HTTP"): alone, they say more than a modifier ("free").
   */
  heads: Set<string>;
  /**
   * Adjacent word pairs of the intent's phrases: a stop word in such a pair ("same origin") may open or
   * close an anchor, and a comma between such a pair ("November, 2018") does not split one.
   */
  bigrams: Set<string>;
  /**
   * Words the intent writes before a determiner ("deploy" of "Deploy your Astro Site", "start" of "start a new
   * project"): verbs that may take an object inside an anchor.
   */
  beforeDeterminer: Set<string>;
  /**
   * The page's names longer than an anchor may usually be (title, H1, keywords, aliases, queries), as
   * stem sequences: written whole in the prose, such a name is an anchor at any length ("Building up a
   * basic demo with A-Frame").
   */
  longNames: Set<string>;
  /** Tokens of the longest of them (0: none). */
  longestName: number;
}

export interface TargetDescription {
  file: string;
  title: string;
  h1?: string | null;
  keywords?: readonly string[];
  slug?: string;
  /** Folders of the URL above the slug (`docs` of `/docs/versioning`). */
  parents?: readonly string[];
  headings?: readonly string[];
  clusterKeywords?: readonly string[];
  /** The page's top Search Console queries: what searchers call it (weighted like keywords). */
  queries?: readonly string[];
  /** Other names of the page (frontmatter `aliases`), weighted like keywords. */
  aliases?: readonly string[];
  /** Frontmatter `tags`: topics the page belongs to. */
  tags?: readonly string[];
  /** Frontmatter `description`: the page's own summary. */
  description?: string | null;
  /** The first sentence of the body: words it explains itself with (vocabulary only, never enough for an anchor). */
  lead?: string | null;
}

const WEIGHTS: Record<IntentPhrase['source'], number> = { title: 3, keyword: 3, alias: 3, query: 3, h1: 2, cluster: 2, slug: 1.5, description: 1, tag: 1, heading: 1, parent: 0.5, lead: 0.4 };

/** Sources that name the page: their adjacent words may carry a stop word at an anchor's edge. */
const NAMING = new Set<IntentPhrase['source']>(['title', 'keyword', 'alias', 'query', 'h1', 'slug', 'parent', 'cluster']);
/** Sources too loose to make an anchor on their own: an anchor needs one word from the others. */
const LOOSE = new Set<IntentPhrase['source']>(['heading', 'lead']);

/** Splits a title at its separators: "Free invoice generator — PDF in seconds" has two intents. */
function titleParts(title: string): string[] {
  const parts = title.split(/\s+[—–|·:-]\s+|:\s+/).map((s) => s.trim()).filter(Boolean);
  return parts.length > 1 ? [title, ...parts] : [title];
}

export function buildIntent(t: TargetDescription): Intent {
  const phrases: IntentPhrase[] = [];
  const add = (text: string, source: IntentPhrase['source']) => {
    const stems = [...new Set(contentStems(text))];
    if (stems.length > 0) phrases.push({ text, stems, weight: WEIGHTS[source], source });
  };
  for (const p of titleParts(t.title)) add(p, 'title');
  for (const k of t.keywords ?? []) add(k, 'keyword');
  for (const a of t.aliases ?? []) add(a, 'alias');
  for (const q of t.queries ?? []) add(q, 'query');
  if (t.h1 && t.h1 !== t.title) for (const p of titleParts(t.h1)) add(p, 'h1');
  if (t.slug) add(t.slug.replace(/[-_]+/g, ' '), 'slug');
  for (const seg of t.parents ?? []) add(seg.replace(/[-_]+/g, ' '), 'parent');
  for (const h of t.headings ?? []) add(h, 'heading');
  for (const k of t.clusterKeywords ?? []) add(k, 'cluster');
  for (const k of t.tags ?? []) add(k, 'tag');
  if (t.description) add(t.description, 'description');
  if (t.lead) add(t.lead, 'lead');
  const vocabulary = new Map<string, number>();
  for (const p of phrases) for (const s of p.stems) vocabulary.set(s, Math.max(vocabulary.get(s) ?? 0, p.weight));
  const bigrams = new Set<string>();
  // Only naming phrases: a heading "What should go on an invoice?" would make "an invoice" an anchor.
  for (const p of phrases.filter((x) => NAMING.has(x.source))) {
    const w = tokenize(p.text);
    for (let i = 1; i < w.length; i++) bigrams.add(`${w[i - 1]!.stem} ${w[i]!.stem}`);
  }
  const headingPairs = new Set<string>();
  for (const p of phrases.filter((x) => x.source === 'heading')) {
    const w = tokenize(p.text).filter((x) => !x.stop);
    for (let i = 1; i < w.length; i++) headingPairs.add(`${w[i - 1]!.stem} ${w[i]!.stem}`);
  }
  const heads = new Set<string>();
  for (const p of phrases.filter((x) => NAMING.has(x.source) && x.source !== 'parent')) {
    const w = tokenize(p.text);
    w.forEach((x, i) => {
      if (!x.stop && (i === w.length - 1 || w[i + 1]!.stop)) heads.add(x.stem);
    });
  }
  const core = new Set(phrases.filter((p) => !LOOSE.has(p.source)).flatMap((p) => p.stems));
  const beforeDeterminer = new Set<string>();
  for (const p of phrases.filter((x) => x.source !== 'lead')) {
    const w = tokenize(p.text);
    for (let i = 0; i + 1 < w.length; i++) if (!w[i]!.stop && DETERMINERS.has(w[i + 1]!.lower)) beforeDeterminer.add(w[i]!.stem);
  }
  const longNames = new Set<string>();
  let longestName = 0;
  for (const p of phrases.filter((x) => FULL_NAMES.has(x.source))) {
    const w = tokenize(p.text);
    if (w.length <= MAX_WORDS || w.length > MAX_NAME_WORDS) continue;
    longNames.add(w.map((x) => x.stem).join(' '));
    longestName = Math.max(longestName, w.length);
  }
  return { file: t.file, title: t.title, phrases, vocabulary, bigrams, core, headingPairs, heads, beforeDeterminer, longNames, longestName };
}

/** Sources whose whole text names the page (not a slug, folder or cluster keyword written as words). */
const FULL_NAMES = new Set<IntentPhrase['source']>(['title', 'h1', 'keyword', 'alias', 'query']);
/** A name longer than this is a sentence, not something to link whole. */
const MAX_NAME_WORDS = 12;

/** Top queries taken as intent: more would bring in the long tail of loosely related searches. */
const INTENT_QUERIES = 5;
/** Words of the lead sentence taken as intent: a definition says what the page is in its first clause. */
const LEAD_WORDS = 30;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!Array.isArray(v)) return [];
  // Docusaurus tags may be objects with a `label`.
  return v.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && typeof (x as { label?: unknown }).label === 'string' ? (x as { label: string }).label : '')).filter(Boolean);
}

/** The first sentence of a page's body text (after the headings it opens with), cut to `LEAD_WORDS` words. */
export function leadSentence(text: string, headings: readonly string[]): string {
  let t = text.trimStart();
  // The page text holds each heading's words (twice: as text and as heading).
  for (let again = true; again; ) {
    again = false;
    for (const h of headings) {
      if (h !== '' && t.startsWith(h)) {
        t = t.slice(h.length).trimStart();
        again = true;
      }
    }
  }
  const end = /[.!?](?=\s|$)/.exec(t);
  return (end ? t.slice(0, end.index + 1) : t).trim().split(/\s+/).slice(0, LEAD_WORDS).join(' ');
}

/** The intent of a page of the model. */
export function intentOfPage(model: SiteModel, file: string): Intent {
  const page = model.pages.get(file);
  const url = model.urlOf(file);
  const segs = url && url !== '/' ? url.replace(/^\/|\/$/g, '').split('/') : [basename(stripExtension(file))];
  const slug = segs.pop();
  const cluster = model.clusterOf(file);
  return buildIntent({
    file,
    title: model.titleOf(file),
    h1: page?.h1 ?? null,
    keywords: page ? keywordsOf(page, model.config) : [],
    ...(slug ? { slug } : {}),
    parents: segs,
    headings: (page?.headings ?? []).filter((h) => h.depth >= 2).map((h) => h.text),
    clusterKeywords: cluster?.isTarget ? cluster.cluster.keywords : [],
    aliases: strings(page?.frontmatter?.['aliases']),
    tags: strings(page?.frontmatter?.['tags']),
    description: typeof page?.frontmatter?.['description'] === 'string' ? (page.frontmatter['description'] as string) : null,
    lead: page ? leadSentence(page.text, [page.h1 ?? '', ...page.headings.map((h) => h.text)]) : null,
    queries: topQueries(searchConsoleOf(model), file, INTENT_QUERIES).filter((q) => q.impressions > 0).map((q) => q.query),
  });
}

const cache = new WeakMap<SiteModel, Idf>();

/** Inverse document frequency of stems over the site's pages (smoothed; unknown stems get the maximum). */
export class Idf {
  private readonly df = new Map<string, number>();
  private readonly n: number;
  constructor(texts: Iterable<string>) {
    let n = 0;
    for (const t of texts) {
      n++;
      for (const s of new Set(contentStems(t))) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    }
    this.n = n;
  }
  /** One per model: the model is immutable, and code actions ask again on every cursor move. */
  static ofModel(model: SiteModel): Idf {
    let idf = cache.get(model);
    if (!idf) cache.set(model, (idf = new Idf([...model.pages.values()].map((p) => `${p.title ?? ''} ${p.text}`))));
    return idf;
  }
  get(s: string): number {
    return Math.log(1 + (this.n + 1) / (1 + (this.df.get(s) ?? 0)));
  }
  /** On at most a fifth of the pages, or the site is too small to tell. */
  rare(s: string): boolean {
    return this.n < 20 || (this.df.get(s) ?? 0) <= this.n / 5;
  }
}

export interface Candidate {
  /** The anchor as written on the page. */
  anchor: string;
  span: Span;
  score: number;
  sentence: Span;
}

const MAX_WORDS = 6;
const CONNECTORS = new Set(['of', 'for', 'to', 'and', 'or', 'in', 'on', 'with', 'the', 'a', 'an', 'your', 'our', 'my', 'their', 'its', 'his', 'her', 'by', 'from', 'at', 'into', 'about', 'over', 'under', 'between', 'vs', 'via', 'same', 'own', 'all', 'more', 'most', 'other', 'up', 'out', 'get', 'gets', 'got']);

interface Scored { score: number; coverage: number; precision: number; phrase: IntentPhrase }

/**
 * Nouns that name the destination document only as the last word after a name ("the Get Involved page",
 * "the security release summary"); anywhere else they are ordinary words ("islands on the page").
 */
const TRAILING_DOCUMENT_NOUNS = new Set(['page', 'post', 'section', 'summary', 'announcement']);

/** Whether `toks[i]` names the destination document rather than its topic ("guide", "the Get Involved page"). */
function documentWord(toks: readonly Token[], i: number): boolean {
  const t = toks[i]!;
  if (DOCUMENT_NOUNS.has(t.lower)) return true;
  return TRAILING_DOCUMENT_NOUNS.has(t.lower) && i === toks.length - 1 && i > 0 && !toks[i - 1]!.stop;
}

function scorePhrase(tokens: Token[], intent: Intent, idf: Idf): Scored | undefined {
  // "guide"/"docs" at an edge names the destination document: neutral, neither matched nor extra.
  const content = tokens.filter((t, i) => !t.stop && !((i === tokens.length - 1 || i === 0) && tokens.length > 1 && documentWord(tokens, i)));
  if (content.length === 0) return undefined;
  const stems = [...new Set(content.map((t) => t.stem))];
  // "invoice in our invoice": a repeated word is two mentions, not one phrase.
  if (new Set(content.filter((t) => /^\p{L}{3,}/u.test(t.lower)).map((t) => t.stem)).size < content.filter((t) => /^\p{L}{3,}/u.test(t.lower)).length) return undefined;
  const pWeight = stems.reduce((a, s) => a + idf.get(s), 0);
  let best: Scored | undefined;
  let others = 0;
  for (const q of intent.phrases) {
    const matched = stems.filter((s) => q.stems.includes(s));
    if (matched.length === 0) continue;
    const mIdf = matched.reduce((a, s) => a + idf.get(s), 0);
    // A long title is covered by a few of its strongest words: an anchor names a page, it does not recite its title.
    const coverage = Math.min(1, mIdf / q.stems.map((s) => idf.get(s)).sort((a, b) => b - a).slice(0, 4).reduce((a, x) => a + x, 0));
    // Words from another phrase of the same intent ("free online invoice generator") are nearly as good;
    // words only the lead sentence uses count half.
    const related = stems.filter((s) => !q.stems.includes(s) && intent.vocabulary.has(s)).reduce((a, s) => a + idf.get(s) * (intent.vocabulary.get(s)! > WEIGHTS.lead ? 1 : 0.5), 0);
    const precision = (mIdf + 0.8 * related) / pWeight;
    // Word order: the matched stems follow the intent phrase's order (2-word swaps are allowed by the set match).
    const order = matched.length >= 2 && inOrder(content.map((t) => t.stem), q.stems) ? 1.1 : 1;
    const s = q.weight * coverage ** 1.5 * precision * order;
    if (!best || s > best.score) {
      if (best) others += best.score;
      best = { score: s, coverage, precision, phrase: q };
    } else others += s;
  }
  if (!best) return undefined;
  return { ...best, score: best.score + 0.1 * Math.min(others, best.score) };
}

function inOrder(seq: string[], q: string[]): boolean {
  const idx = seq.map((s) => q.indexOf(s)).filter((i) => i >= 0);
  return idx.every((v, i) => i === 0 || v > idx[i - 1]!);
}

/** Candidate anchors for a link to `intent` in the prose of `text`, best first. */
export function anchorCandidates(file: string, text: string, intent: Intent, idf: Idf, relatedHeadings: readonly string[], limit = 3): Candidate[] {
  const prose = proseOf(file, text, relatedHeadings);
  const all: Scoring[] = [];
  const bodyLength = Math.max(1, prose.bodyEnd - prose.bodyStart);
  for (const block of prose.blocks) {
    for (const sentence of block.sentences) {
      if (sentence.hasLink) continue;
      const context = contextScore(sentence, intent, idf);
      for (const chunk of joinChunks(text, sentence.chunks, intent)) {
        for (let i = 0; i < chunk.length; i++) {
          if (!edgeOk(chunk[i]!, chunk[i + 1], intent, true)) continue;
          for (let j = i; j < chunk.length && j - i < Math.max(MAX_WORDS, intent.longestName); j++) {
            if (!edgeOk(chunk[j]!, j > i ? chunk[j - 1] : undefined, intent, false)) continue;
            const toks = chunk.slice(i, j + 1);
            // Longer than an anchor usually is: only a whole name of the page.
            const fullName = toks.length > MAX_WORDS && intent.longNames.has(toks.map((t) => t.stem).join(' '));
            if (toks.length > MAX_WORDS && !fullName) continue;
            // Never a whole sentence.
            if (toks.length === sentence.words.length && toks.length > 1) continue;
            const anchor = text.slice(toks[0]!.start, toks[toks.length - 1]!.end);
            if (isGenericAnchor(anchor)) continue;
            // Inside an anchor only noun-phrase connectors ("guide to freelancer taxes"), not verbs or pronouns ("invoice is a spreadsheet");
            // a stop word hyphened to a word is part of it ("Docs-only", "built-in").
            if (toks.some((t, k) => t.stop && !CONNECTORS.has(t.lower) && !hyphened(text, t, toks[k - 1], toks[k + 1]))) break;
            // A determiner inside follows a connector ("guide to the API") or a verb the target writes before
            // one ("Deploying an Astro Website" for "Deploy your Astro Site"); after any other word, that word
            // is a verb ("adapter enhances the build", "length truncates the array") and the anchor a clause.
            if (toks.some((t, k) => k > 0 && DETERMINERS.has(t.lower) && !toks[k - 1]!.stop && !intent.beforeDeterminer.has(toks[k - 1]!.stem))) break;
            // Headings carry generic words ("How it works"): heading words alone name a section only
            // when they follow the heading word for word ("Searching for information").
            const section = !toks.some((t) => intent.core.has(t.stem));
            const wholeHeading = section && namesHeading(toks, intent, idf);
            if (section && !wholeHeading && !followsHeading(toks, intent)) continue;
            const s = scorePhrase(toks, intent, idf);
            if (!s || s.coverage < 0.34 || s.precision < 0.5) continue;
            const n = toks.length;
            // One word ("web", "the web") is weak, unless it is the whole title or keyword ("Routing", "Sessions").
            const words = toks.filter((t) => !t.stop);
            const lone = words.length === 1;
            const whole = lone && s.phrase.stems.length === 1 && s.phrase.source !== 'heading' && s.phrase.source !== 'parent';
            // A lone word is never just "guide" or a folder name.
            if (lone && !whole && (DOCUMENT_NOUNS.has(words[0]!.lower) || TRAILING_DOCUMENT_NOUNS.has(words[0]!.lower) || s.phrase.source === 'parent')) continue;
            const lengthFactor = lone ? (whole ? 0.9 : 0.55) : n <= 5 || fullName ? 1 : 0.8;
            const rel = (toks[0]!.start - prose.bodyStart) / bodyLength;
            const position = rel <= 1 / 3 ? 1 : 1 - 0.2 * ((rel - 1 / 3) / (2 / 3));
            const generic = toks.some((t) => isGenericWord(t.lower)) ? 0.5 : 1;
            // Words of the intent kept at the edges ("same origin policy", "middleware guide") make the anchor complete.
            const edges = 1 + 0.05 * toks.filter((t, k) => (k === 0 || k === toks.length - 1) && (t.stop || documentWord(toks, k))).length;
            // A participle inside ("incident happened in the CI") makes a clause, not a name.
            const clause = toks.some((t, k) => k > 0 && k < n - 1 && !t.stop && !intent.vocabulary.has(t.stem) && /\p{L}{3,}ed$/u.test(t.lower)) ? 0.6 : 1;
            // "and"/"or" joins two things ("events and handle" is not "event handling") unless a name joins the same words ("Expressions and operators").
            const joined = toks.some((t, k) => k > 0 && k < n - 1 && (t.lower === 'and' || t.lower === 'or') && !(intent.bigrams.has(`${toks[k - 1]!.stem} ${t.stem}`) && intent.bigrams.has(`${t.stem} ${toks[k + 1]!.stem}`))) ? 0.5 : 1;
            const score = s.score * lengthFactor * position * generic * edges * clause * joined * (section ? SECTION : 1) * (1 + 0.25 * context);
            // A name or a date is not cut in two: "Sessions" of "the Astro Sessions API", "March 17th" of "March 17th, 2023".
            const span = completeSpan(text, chunk, i, j, sentence.words[0]);
            // A lone verb takes its object: "deploy" of "deploy your site" (a possessive makes it a verb).
            if (lone && toks.length === 1 && span.end === toks[0]!.end) span.end = withObject(chunk, j) ?? span.end;
            const whole2 = span.end - span.start > anchor.length;
            const shaped = whole2 ? text.slice(span.start, span.end) : anchor;
            const shapedToks = whole2 ? chunk.filter((t) => t.start >= span.start && t.end <= span.end) : toks;
            const key = [...new Set(shapedToks.filter((t, k) => !t.stop && !documentWord(shapedToks, k)).map((t) => t.stem))].sort().join(' ');
            const weak = wholeHeading && lone ? 2 : !lone || whole ? 0 : intent.heads.has(words[0]!.stem) ? 1 : 2;
            // A word completed into a name ("Tailwind" into "Tailwind Vite plugin") is a phrase now.
            const named = whole2 && shapedToks.some((t) => !toks.includes(t) && (capitalised(t, sentence.words[0]) || KIND_NOUNS.has(t.lower)));
            const content = shapedToks.filter((t) => !t.stop);
            all.push({ anchor: shaped, span, score, sentence: sentence.span, key: key || shaped.toLowerCase(), weak: named || (whole2 && weak === 1) ? 0 : weak, words: content.length, offIntent: shapedToks.filter((t, k) => !t.stop && !intent.vocabulary.has(t.stem) && !documentWord(shapedToks, k)).length, name: capitalised(shapedToks[0]!, sentence.words[0]) });
          }
        }
      }
    }
  }
  return pickDistinct(all, limit);
}

interface Scoring extends Candidate {
  /** The content words' keys, sorted: two anchors with the same key say the same thing ("Popup article", "popup"). */
  key: string;
  /**
   * 0 for phrases and whole names; 1 for a lone word that heads a name ("generator" of "Invoice
   * generator"); 2 for any other lone word ("invoice"): offered only when nothing better is left.
   */
  weak: 0 | 1 | 2;
  /** Content words, and how many of them the intent does not have. */
  words: number;
  offIntent: number;
  /** Opens with a name: words before it make a clause ("impact Node.js"), not a longer name. */
  name: boolean;
}

/** A longer phrase around the best one, all of its added words the target's, is preferred when it scores at least this share of it. */
const LONGER = 0.8;

/**
 * The phrase that holds `best` and adds only words of the intent ("client error response status code"
 * around "response status code"), when it scores nearly as well: a noun phrase is not cut short.
 */
function longest(best: Scoring, all: readonly Scoring[], taken: (c: Scoring) => boolean): Scoring {
  let out = best;
  for (const c of all) {
    if (c === best || c.weak > best.weak || c.sentence.start !== best.sentence.start || taken(c)) continue;
    if (c.span.start > best.span.start || c.span.end < best.span.end || c.words <= out.words || c.offIntent > best.offIntent) continue;
    if (best.name && c.span.start < best.span.start) continue;
    if (c.score >= LONGER * best.score) out = c;
  }
  return out;
}

/** Another candidate in a sentence that already has one is worth this much less: offer choices across the page. */
const SAME_SENTENCE = 0.85;

/**
 * The best `limit` anchors that are different choices: no two overlap or say the same words, later
 * ones prefer other sentences, and a lone word comes only when no phrase is left.
 */
function pickDistinct(all: Scoring[], limit: number): Candidate[] {
  const out: Scoring[] = [];
  while (out.length < limit) {
    let best: Scoring | undefined;
    let bestScore = -1;
    for (const c of all) {
      if (out.some((o) => o.key === c.key || (o.span.start < c.span.end && c.span.start < o.span.end))) continue;
      const s = (2 - c.weak) * 1e6 + c.score * (out.some((o) => o.sentence.start === c.sentence.start) ? SAME_SENTENCE : 1);
      if (s > bestScore || (s === bestScore && best && c.span.start < best.span.start)) {
        best = c;
        bestScore = s;
      }
    }
    if (!best) break;
    const chosen = best;
    out.push(longest(chosen, all, (c) => out.some((o) => o.key === c.key || (o.span.start < c.span.end && c.span.start < o.span.end))));
  }
  return out.map(({ anchor, span, score, sentence }) => ({ anchor, span, score, sentence }));
}

/** An anchor of section words only is worth less than one that names the page. */
const SECTION = 0.8;

/**
 * The words name one of the target's headings entirely ("assertions" for a section "Assertions"), and
 * the heading is a name, and not one of the structure headings every page has ("Syntax", "Examples"): on a site of
 * some size, its words must be rare (on at most a fifth of the pages).
 */
function namesHeading(toks: Token[], intent: Intent, idf: Idf): boolean {
  const content = toks.filter((t, k) => !t.stop && !documentWord(toks, k));
  if (content.length === 0 || content.some((t) => STRUCTURE_HEADINGS.has(t.lower) || !idf.rare(t.stem))) return false;
  const stems = content.map((t) => t.stem).join(' ');
  // A heading that is a name ("Assertions", "Drawing text"), not a question or clause ("Who uses it").
  return intent.phrases.some((p) => p.source === 'heading' && p.stems.join(' ') === stems && tokenize(p.text).every((t) => !t.stop && !STRUCTURE_HEADINGS.has(t.lower)));
}

/** Words of the headings that structure a document rather than name a topic. */
const STRUCTURE_HEADINGS = new Set(['syntax', 'example', 'examples', 'overview', 'introduction', 'summary', 'conclusion', 'usage', 'description', 'specifications', 'specification', 'compatibility', 'installation', 'install', 'setup', 'prerequisites', 'requirements', 'faq', 'faqs', 'notes', 'background', 'options', 'parameters', 'values', 'value', 'returns', 'exceptions', 'properties', 'methods', 'events', 'constructor', 'related', 'resources', 'references', 'next', 'steps', 'troubleshooting', 'configuration', 'api', 'contents', 'changelog', 'features', 'limitations', 'license', 'credits']);

/** Nouns that follow a product's name to say what it is. */
const KIND_NOUNS = new Set(['plugin', 'plugins', 'adapter', 'adapters', 'integration', 'integrations', 'library', 'package', 'component', 'components', 'module', 'extension', 'theme', 'template', 'framework', 'runtime', 'provider', 'platform', 'service', 'tool', 'toolkit', 'app', 'client', 'server', 'engine', 'driver', 'loader', 'preset', 'mode', 'feature', 'syntax', 'format', 'editor', 'cli', 'sdk', 'api', 'header', 'headers', 'element', 'attribute', 'property']);

const MONTHS = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** A capitalised word written inside a sentence: part of a name ("Astro", "API", "Node.js"). */
function capitalised(t: Token, sentenceStart: Token | undefined): boolean {
  return !t.stop && /^\p{Lu}/u.test(t.word) && t.start !== sentenceStart?.start;
}

/**
 * The span of `chunk[i..j]` completed so that it does not cut a name or a date: a capitalised edge
 * word takes in the capitalised words next to it (never the sentence's first word, capitalised
 * anyway), and a month with its day takes in the year that follows.
 */
function completeSpan(text: string, chunk: Token[], i: number, j: number, sentenceStart: Token | undefined): Span {
  let a = i;
  let b = j;
  const cap = (t: Token) => capitalised(t, sentenceStart);
  while (a > 0 && b - a + 1 < MAX_WORDS && cap(chunk[a]!) && cap(chunk[a - 1]!)) a--;
  while (b + 1 < chunk.length && b - a + 1 < MAX_WORDS && cap(chunk[b]!) && cap(chunk[b + 1]!)) b++;
  // A hyphenated word is one word: "Docs" of "Docs-only", "side" of "client-side".
  while (a > 0 && hyphened(text, chunk[a]!, chunk[a - 1], undefined)) a--;
  while (b + 1 < chunk.length && hyphened(text, chunk[b]!, undefined, chunk[b + 1])) b++;
  // A name takes the kind of thing it names: "Netlify" + " server adapter", "Tailwind Vite" + " plugin".
  if (cap(chunk[b]!)) {
    let kind = b;
    for (let k = b + 1; k <= b + 2 && k < chunk.length && k - a + 1 <= MAX_WORDS && !chunk[k]!.stop && !cap(chunk[k]!); k++) {
      if (KIND_NOUNS.has(chunk[k]!.lower)) kind = k;
    }
    b = kind;
  }
  let end = chunk[b]!.end;
  const last = chunk[b]!.word;
  const before = b > 0 ? chunk[b - 1]!.word : '';
  const after = text.slice(end, end + 16);
  // "March" + " 17th, 2023" or " 2023"; "March 17th" + ", 2023".
  const year = MONTHS.test(last) ? /^(?:[ \t]+\d{1,2}(?:st|nd|rd|th)?)?,?[ \t]+\d{4}\b/.exec(after)
    : /^\d{1,2}(?:st|nd|rd|th)?$/i.test(last) && MONTHS.test(before) ? /^,?[ \t]+\d{4}\b/.exec(after) : null;
  if (year) end += year[0].length;
  return { start: chunk[a]!.start, end };
}

/** Whether `t` is joined by a hyphen to the word before or after it ("only" of "Docs-only"). */
function hyphened(text: string, t: Token, prev: Token | undefined, next: Token | undefined): boolean {
  return (prev !== undefined && prev.end + 1 === t.start && text[prev.end] === '-') || (next !== undefined && t.end + 1 === next.start && text[t.end] === '-');
}

const POSSESSIVES = new Set(['your', 'our', 'their', 'my', 'its', 'his', 'her']);

/** Words before a noun: "the invoice your client receives" has a noun, not a verb, before "your". */
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'each', 'every', 'any', 'some', 'no', ...POSSESSIVES]);

/** The end of "<word> your <one or two words>" when `chunk[j]` is a verb followed by a possessive and its noun. */
function withObject(chunk: Token[], j: number): number | undefined {
  if (j > 0 && DETERMINERS.has(chunk[j - 1]!.lower)) return undefined;
  const det = chunk[j + 1];
  if (!det || !POSSESSIVES.has(det.lower)) return undefined;
  let k = j + 2;
  if (!chunk[k] || chunk[k]!.stop) return undefined;
  if (chunk[k + 1] && !chunk[k + 1]!.stop && k + 1 - j < 4) k++;
  return chunk[k]!.end;
}

/** Two or more content words, each pair adjacent in one of the target's headings. */
function followsHeading(toks: Token[], intent: Intent): boolean {
  const content = toks.filter((t, k) => !t.stop && !documentWord(toks, k));
  if (content.length < 2) return false;
  for (let i = 1; i < content.length; i++) if (!intent.headingPairs.has(`${content[i - 1]!.stem} ${content[i]!.stem}`)) return false;
  return true;
}

/** Chunks separated only by a comma join when the words around it are adjacent in the intent ("November, 2018"). */
function joinChunks(text: string, chunks: Token[][], intent: Intent): Token[][] {
  const out: Token[][] = [];
  for (const c of chunks) {
    const prev = out[out.length - 1];
    const a = prev?.[prev.length - 1];
    const b = c[0];
    if (prev && a && b && !a.stop && !b.stop && /^,[ \t]+$/.test(text.slice(a.end, b.start)) && intent.bigrams.has(`${a.stem} ${b.stem}`)) out[out.length - 1] = [...prev, ...c];
    else out.push(c);
  }
  return out;
}

/** An anchor starts and ends with a word of the intent (or a trailing document noun), never with filler. */
function edgeOk(t: Token, inner: Token | undefined, intent: Intent, first: boolean): boolean {
  if (t.stop) return inner !== undefined && !inner.stop && intent.bigrams.has(first ? `${t.stem} ${inner.stem}` : `${inner.stem} ${t.stem}`);
  if (intent.vocabulary.has(t.stem)) return true;
  // "the middleware guide", "guide to freelancer taxes"; "the Get Involved page" (after a word, at the end only)
  return DOCUMENT_NOUNS.has(t.lower) || (!first && inner !== undefined && !inner.stop && TRAILING_DOCUMENT_NOUNS.has(t.lower));
}

/** How much the sentence around a phrase is about the target (0..1). */
function contextScore(sentence: Sentence, intent: Intent, idf: Idf): number {
  const stems = new Set(sentence.words.filter((w) => !w.stop).map((w) => w.stem));
  let hit = 0;
  let total = 0;
  for (const [s, weight] of intent.vocabulary) {
    // The lead's many words would dilute the names.
    if (weight <= WEIGHTS.lead) continue;
    total += idf.get(s);
    if (stems.has(s)) hit += idf.get(s);
  }
  return total === 0 ? 0 : Math.min(1, (2 * hit) / total);
}

export interface LinkInsertion {
  title: string;
  edit: FileEdit;
  anchor: string;
}

/** Titles are part of the interface (tests and the command palette match them). */
export function insertionTitle(anchor: string, targetTitle: string): string {
  return `Link "${anchor}" \u2192 ${targetTitle} (target)`;
}

export function fallbackTitle(targetTitle: string): string {
  return `Add a sentence linking to ${targetTitle} (no natural anchor found)`;
}

/** The link edits that make `file` link to `target` in its prose: up to `limit` anchors, else one fallback sentence. */
export function linkInsertions(model: SiteModel, file: string, text: string, target: string, limit = 3, idf: Idf = Idf.ofModel(model)): { candidates: LinkInsertion[]; fallback?: LinkInsertion } {
  const intent = intentOfPage(model, target);
  const url = linkUrl(model, file, target, detectLinkStyle(model, file));
  const cands = anchorCandidates(file, text, intent, idf, model.config.relatedHeadings, limit);
  const targetTitle = model.titleOf(target);
  if (cands.length > 0) {
    return {
      candidates: cands.map((c) => ({
        title: insertionTitle(c.anchor, targetTitle),
        anchor: c.anchor,
        edit: { file, span: c.span, newText: markdownLink(c.anchor, url) },
      })),
    };
  }
  const fb = fallbackSentence(model, file, text, intent, url, idf);
  return fb ? { candidates: [], fallback: { ...fb, title: fallbackTitle(targetTitle) } } : { candidates: [] };
}

/** A descriptive anchor: the target's top keyword, else its title without a tagline. */
export function descriptiveAnchor(intent: Intent): string {
  const kw = intent.phrases.find((p) => p.source === 'keyword');
  if (kw) return kw.text;
  return titleParts(intent.title)[1] ?? intent.title;
}

function fallbackSentence(model: SiteModel, file: string, text: string, intent: Intent, url: string, idf: Idf): { edit: FileEdit; anchor: string } | undefined {
  const prose = proseOf(file, text, model.config.relatedHeadings);
  let best: ProseBlock | undefined;
  let bestScore = -1;
  for (const b of prose.blocks) {
    const s = b.sentences.reduce((a, x) => a + contextScore(x, intent, idf), 0);
    if (s > bestScore) { best = b; bestScore = s; }
  }
  if (!best) return undefined;
  const anchor = descriptiveAnchor(intent);
  const end = best.span.end;
  const last = text.slice(best.span.start, end).trimEnd();
  const sep = /[.!?]["')\]]?$/.test(last) ? ' ' : '. ';
  return { anchor, edit: { file, span: { start: end, end }, newText: `${sep}See ${markdownLink(escapeAnchor(anchor), url)} for more.` } };
}
