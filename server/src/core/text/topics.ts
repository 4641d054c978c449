import { keywordsOf } from '../clusters';
import type { SiteModel } from '../model';
import type { PageFacts, Span } from '../types';
import { stem } from './stem';
import { addTerms, cosine, pack, packedCosine, sharedTerms, TfIdf, type PackedVector, type TermBag, type TermVector } from './tfidf';
import { slugWords, STOP_WORDS, tokenize } from './tokenize';

/** The fields that say what a page is about. */
export interface TopicFields {
  title: string;
  h1?: string;
  /** A URL path or file path; its last segment is used. */
  slug: string;
  keywords: readonly string[];
  headings: readonly string[];
}

export interface Topic {
  bag: TermBag;
  /** A readable word for each stem, for messages. */
  words: Map<string, string>;
}

/**
 * Field weights: the title, H1, slug and keywords name the topic; each counts once per field, so a
 * term in all of them weighs most. Headings describe sub-topics and weigh less per occurrence.
 * Measured on test/data/topic-pairs.json (see docs/rules/competing-support-page.md).
 */
export const HEADING_WEIGHT = 0.5;

function addField(topic: Topic, text: string, weight: number): void {
  const seen = new Set<string>();
  for (const w of tokenize(text)) {
    if (w.length < 2 || STOP_WORDS.has(w)) continue;
    const s = stem(w);
    if (seen.has(s)) continue;
    seen.add(s);
    if (!topic.words.has(s)) topic.words.set(s, w);
    addTerms(topic.bag, [s], weight);
  }
}

export function topicOf(f: TopicFields): Topic {
  const topic: Topic = { bag: new Map(), words: new Map() };
  addField(topic, f.title, 1);
  // An H1 that repeats the title adds nothing; one that differs is a second name for the topic.
  if (f.h1 && tokenize(f.h1).join(' ') !== tokenize(f.title).join(' ')) addField(topic, f.h1, 1);
  addField(topic, slugWords(f.slug), 1);
  if (f.keywords.length > 0) addField(topic, f.keywords.join(' , '), 1);
  for (const h of f.headings) addField(topic, h, HEADING_WEIGHT);
  return topic;
}

/** Similarity of two topics against a corpus' IDF, with the shared terms as readable words. */
export function compareTopics(idf: TfIdf, a: Topic, b: Topic, va = idf.vector(a.bag), vb = idf.vector(b.bag)): { similarity: number; shared: string[] } {
  return { similarity: cosine(va, vb), shared: sharedTerms(va, vb).map((s) => a.words.get(s) ?? b.words.get(s) ?? s) };
}

export interface TopicIndex {
  idf: TfIdf;
  topic(file: string): Topic | undefined;
  vector(file: string): TermVector | undefined;
  /** Cosine similarity of two pages' topics; 0 when either is unknown. */
  similarity(a: string, b: string): number;
  /**
   * Every pair of `files` whose similarity reaches `threshold`, as indexes into `files` (i < j).
   * Uses an inverted index, so pairs that share no term cost nothing.
   */
  similarPairs(files: readonly string[], threshold: number): { i: number; j: number; similarity: number }[];
}

// Topics depend on the page's facts, its URL and the keywords field only: they survive model rebuilds
// for pages that did not change (a model is rebuilt on every edit; re-tokenising 14k pages is not free).
const topicCache = new WeakMap<PageFacts, { key: string; topic: Topic }>();

function pageTopic(model: SiteModel, file: string): Topic | undefined {
  const page = model.pages.get(file);
  if (!page) return undefined;
  const url = model.urlOf(file) ?? file;
  const key = `${url}\0${model.config.frontmatter.keywords}`;
  const cached = topicCache.get(page);
  if (cached?.key === key) return cached.topic;
  const topic = topicOf({
    title: page.title ?? page.h1 ?? '',
    ...(page.h1 ? { h1: page.h1 } : {}),
    slug: url,
    keywords: keywordsOf(page, model.config),
    // The H1 is a field of its own; deeper headings are sub-topics.
    headings: page.headings.filter((h) => h.depth > 1).map((h) => h.text),
  });
  topicCache.set(page, { key, topic });
  return topic;
}

// One index per immutable model, shared by the rules that compare topics.
const cache = new WeakMap<SiteModel, TopicIndex>();

/** Topics of every page and an IDF over all of them (the site is the corpus). */
export function topicIndex(model: SiteModel): TopicIndex {
  let index = cache.get(model);
  if (index) return index;
  const topics = new Map<string, Topic>();
  const idf = new TfIdf();
  for (const file of model.pages.keys()) {
    const t = pageTopic(model, file);
    if (!t) continue;
    topics.set(file, t);
    idf.add(t.bag.keys());
  }
  // Packed vectors are kept (pairs are compared many times); term vectors are built when asked for:
  // keeping both doubled the index (50k synthetic pages: 55 MB of maps for the few pairs a message names).
  const packed = new Map<string, PackedVector>();
  const dictionary = new Map<string, number>();
  const vector = (file: string): TermVector | undefined => {
    const t = topics.get(file);
    return t ? idf.vector(t.bag) : undefined;
  };
  const packedOf = (file: string): PackedVector | undefined => {
    let p = packed.get(file);
    if (!p) {
      const v = vector(file);
      if (!v) return undefined;
      packed.set(file, (p = pack(v, dictionary)));
    }
    return p;
  };
  index = {
    idf,
    topic: (file) => topics.get(file),
    vector,
    similarity: (a, b) => {
      const pa = packedOf(a), pb = packedOf(b);
      return pa && pb ? packedCosine(pa, pb) : 0;
    },
    similarPairs: (files, threshold) => {
      const postings = new Map<number, { doc: number; w: number }[]>();
      const acc = new Float64Array(files.length);
      const touched: number[] = [];
      const out: { i: number; j: number; similarity: number }[] = [];
      files.forEach((file, j) => {
        const p = packedOf(file);
        if (!p) return;
        // Accumulate dot products with the earlier documents that share a term with this one.
        for (let k = 0; k < p.ids.length; k++) {
          const list = postings.get(p.ids[k]!);
          if (!list) continue;
          const w = p.weights[k]!;
          for (const e of list) {
            if (acc[e.doc] === 0) touched.push(e.doc);
            acc[e.doc]! += w * e.w;
          }
        }
        for (const i of touched) {
          if (acc[i]! >= threshold) out.push({ i, j, similarity: acc[i]! });
          acc[i] = 0;
        }
        touched.length = 0;
        for (let k = 0; k < p.ids.length; k++) {
          let list = postings.get(p.ids[k]!);
          if (!list) postings.set(p.ids[k]!, (list = []));
          list.push({ doc: j, w: p.weights[k]! });
        }
      });
      return out.sort((a, b) => a.j - b.j || a.i - b.i);
    },
  };
  cache.set(model, index);
  return index;
}

/** Where a page-level topic finding goes: the H1, else the frontmatter fence, else the start. */
export function topicSpan(page: PageFacts): Span {
  const h1 = page.headings.find((h) => h.depth === 1);
  if (h1) return h1.span;
  return page.frontmatterSpan ? { start: 0, end: Math.min(3, page.length) } : { start: 0, end: 0 };
}

/** `"a", "b", "c"` for a message. */
export function quoteTerms(words: readonly string[], max = 4): string {
  return words.slice(0, max).map((w) => `"${w}"`).join(', ');
}
