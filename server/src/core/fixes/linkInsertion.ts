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
  source: 'title' | 'keyword' | 'query' | 'h1' | 'slug' | 'parent' | 'heading' | 'cluster';
}

/** What a target page is about, as weighted phrases. */
export interface Intent {
  file: string;
  title: string;
  phrases: IntentPhrase[];
  /** Every intent stem with its best weight. */
  vocabulary: Map<string, number>;
  /** Stems of the phrases that name the page (all but its headings): an anchor holds at least one. */
  core: Set<string>;
  /**
   * Adjacent word pairs of the intent's phrases: a stop word in such a pair ("same origin") may open or
   * close an anchor, and a comma between such a pair ("November, 2018") does not split one.
   */
  bigrams: Set<string>;
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
}

const WEIGHTS: Record<IntentPhrase['source'], number> = { title: 3, keyword: 3, query: 3, h1: 2, cluster: 2, slug: 1.5, heading: 1, parent: 0.5 };

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
  for (const q of t.queries ?? []) add(q, 'query');
  if (t.h1 && t.h1 !== t.title) for (const p of titleParts(t.h1)) add(p, 'h1');
  if (t.slug) add(t.slug.replace(/[-_]+/g, ' '), 'slug');
  for (const seg of t.parents ?? []) add(seg.replace(/[-_]+/g, ' '), 'parent');
  for (const h of t.headings ?? []) add(h, 'heading');
  for (const k of t.clusterKeywords ?? []) add(k, 'cluster');
  const vocabulary = new Map<string, number>();
  for (const p of phrases) for (const s of p.stems) vocabulary.set(s, Math.max(vocabulary.get(s) ?? 0, p.weight));
  const bigrams = new Set<string>();
  // Headings are too loose a source: "What should go on an invoice?" would make "an invoice" an anchor.
  for (const p of phrases.filter((x) => x.source !== 'heading')) {
    const w = tokenize(p.text);
    for (let i = 1; i < w.length; i++) bigrams.add(`${w[i - 1]!.stem} ${w[i]!.stem}`);
  }
  const core = new Set(phrases.filter((p) => p.source !== 'heading').flatMap((p) => p.stems));
  return { file: t.file, title: t.title, phrases, vocabulary, bigrams, core };
}

/** Top queries taken as intent: more would bring in the long tail of loosely related searches. */
const INTENT_QUERIES = 5;

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

function scorePhrase(tokens: Token[], intent: Intent, idf: Idf): Scored | undefined {
  // "guide"/"docs" at an edge names the destination document: neutral, neither matched nor extra.
  const content = tokens.filter((t, i) => !t.stop && !((i === tokens.length - 1 || i === 0) && tokens.length > 1 && DOCUMENT_NOUNS.has(t.lower)));
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
    // Words from another phrase of the same intent ("free online invoice generator") are nearly as good.
    const related = stems.filter((s) => !q.stems.includes(s) && intent.vocabulary.has(s)).reduce((a, s) => a + idf.get(s), 0);
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
  const all: Candidate[] = [];
  const bodyLength = Math.max(1, prose.bodyEnd - prose.bodyStart);
  for (const block of prose.blocks) {
    for (const sentence of block.sentences) {
      if (sentence.hasLink) continue;
      const context = contextScore(sentence, intent, idf);
      for (const chunk of joinChunks(text, sentence.chunks, intent)) {
        for (let i = 0; i < chunk.length; i++) {
          if (!edgeOk(chunk[i]!, chunk[i + 1], intent, true)) continue;
          for (let j = i; j < chunk.length && j - i < MAX_WORDS; j++) {
            if (!edgeOk(chunk[j]!, j > i ? chunk[j - 1] : undefined, intent, false)) continue;
            const toks = chunk.slice(i, j + 1);
            // Never a whole sentence.
            if (toks.length === sentence.words.length && toks.length > 1) continue;
            const anchor = text.slice(toks[0]!.start, toks[toks.length - 1]!.end);
            if (isGenericAnchor(anchor)) continue;
            // Inside an anchor only noun-phrase connectors ("guide to freelancer taxes"), not verbs or pronouns ("invoice is a spreadsheet").
            if (toks.some((t) => t.stop && !CONNECTORS.has(t.lower))) break;
            // Headings carry generic words ("How it works"): an anchor of heading words alone does not name the page.
            if (!toks.some((t) => intent.core.has(t.stem))) continue;
            const s = scorePhrase(toks, intent, idf);
            if (!s || s.coverage < 0.34 || s.precision < 0.5) continue;
            const n = toks.length;
            // One word is weak, unless it is the whole title or keyword ("Routing", "Sessions").
            const whole = n === 1 && s.phrase.stems.length === 1 && s.phrase.source !== 'heading' && s.phrase.source !== 'parent';
            const lengthFactor = n === 1 ? (whole ? 0.9 : 0.55) : n <= 5 ? 1 : 0.8;
            const rel = (toks[0]!.start - prose.bodyStart) / bodyLength;
            const position = rel <= 1 / 3 ? 1 : 1 - 0.2 * ((rel - 1 / 3) / (2 / 3));
            const generic = toks.some((t) => isGenericWord(t.lower)) ? 0.5 : 1;
            // Words of the intent kept at the edges ("same origin policy", "middleware guide") make the anchor complete.
            const edges = 1 + 0.05 * toks.filter((t, k) => (k === 0 || k === toks.length - 1) && (t.stop || DOCUMENT_NOUNS.has(t.lower))).length;
            const score = s.score * lengthFactor * position * generic * edges * (1 + 0.25 * context);
            all.push({ anchor, span: { start: toks[0]!.start, end: toks[toks.length - 1]!.end }, score, sentence: sentence.span });
          }
        }
      }
    }
  }
  all.sort((a, b) => b.score - a.score || a.span.start - b.span.start);
  // Distinct anchors; a phrase inside an already chosen one (same place) adds nothing.
  const out: Candidate[] = [];
  for (const c of all) {
    if (out.length >= limit) break;
    const key = c.anchor.toLowerCase();
    if (out.some((o) => o.anchor.toLowerCase() === key || (o.span.start <= c.span.start && c.span.end <= o.span.end) || (c.span.start <= o.span.start && o.span.end <= c.span.end))) continue;
    out.push(c);
  }
  return out;
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
  // "the middleware guide", "guide to freelancer taxes"
  return DOCUMENT_NOUNS.has(t.lower);
}

/** How much the sentence around a phrase is about the target (0..1). */
function contextScore(sentence: Sentence, intent: Intent, idf: Idf): number {
  const stems = new Set(sentence.words.filter((w) => !w.stop).map((w) => w.stem));
  let hit = 0;
  let total = 0;
  for (const [s] of intent.vocabulary) {
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
