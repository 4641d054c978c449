// Which pages should link to a target: the ones that already have authority (Search Console
// impressions, link score) and talk about the same thing.
import { searchConsoleOf, sharedQueries, type SearchConsoleData } from '../gsc/index';
import type { SiteModel } from '../model';
import type { PageFacts } from '../types';
import { addTerms, compareTopics, terms, TfIdf, topicIndex, type TermBag, type TermVector } from '../text/index';
import { formatDelta, scoreState, whatIfAddLink } from './stats';

export interface StrongSource {
  file: string;
  /** 0–1: impressions (log scale, against the site's best page) and link score. */
  strength: number;
  /** 0–1: topic similarity with the target, raised by shared queries. */
  relevance: number;
  /** In the target's cluster (cluster pages are ranked first). */
  sameCluster: boolean;
  linkScore: number;
  impressions: number | null;
  clicks: number | null;
  sharedTerms: string[];
  sharedQueries: string[];
  /** Link score points the target would gain from a content link from this page (estimate). */
  gain?: number;
  /** Readable reasons, strongest first. */
  reasons: string[];
}

export interface StrongSourceOptions {
  /** How many sources to return (default 10). */
  limit?: number;
  /** Estimate the target's gain for each returned source (default true). */
  withGain?: boolean;
  /** Warm-started iterations per gain estimate (default 30: within a fraction of a point). */
  gainIterations?: number;
}

/** Share of strength from impressions when Search Console data is present; the rest is link score. */
const IMPRESSION_SHARE = 0.6;
/** Relevance added when both pages get impressions for the same query. */
const QUERY_BONUS = 0.2;

/** Below this relevance a page is not suggested, unless it is in the target's cluster. */
const MIN_RELEVANCE = 0.05;

const fmt = (n: number) => n.toLocaleString('en-US');

// Body terms per page version (pages that did not change keep theirs across model rebuilds).
const bodyBags = new WeakMap<PageFacts, TermBag>();
const bodyIndexes = new WeakMap<SiteModel, { idf: TfIdf; bag(file: string): TermBag | undefined }>();

/**
 * How much of a topic a text covers: the share of the topic's TF-IDF weight whose terms the text
 * uses, a term counting fully from its second use. A cosine against a whole body would mostly
 * measure the body's length.
 */
export function coverage(topic: TermVector, body: TermBag | undefined): number {
  if (!body) return 0;
  let total = 0, covered = 0;
  for (const [t, w] of topic) {
    total += w * w;
    covered += w * w * Math.min(1, (body.get(t) ?? 0) / 2);
  }
  return total > 0 ? covered / total : 0;
}

function bodyIndex(model: SiteModel) {
  let index = bodyIndexes.get(model);
  if (index) return index;
  const idf = new TfIdf();
  const bags = new Map<string, TermBag>();
  for (const [file, page] of model.pages) {
    let bag = bodyBags.get(page);
    if (!bag) bodyBags.set(page, (bag = addTerms(new Map(), terms(`${page.title ?? ''} ${page.text}`))));
    bags.set(file, bag);
    idf.add(bag.keys());
  }
  index = { idf, bag: (file) => bags.get(file) };
  bodyIndexes.set(model, index);
  return index;
}

/**
 * Pages that do not link to `target` from their prose yet, ranked: cluster members first, then by
 * strength × relevance. Drafts and noindex pages are never suggested (they pass nothing).
 */
export function strongSources(model: SiteModel, target: string, gsc: SearchConsoleData | undefined = searchConsoleOf(model), options: StrongSourceOptions = {}): StrongSource[] {
  if (!model.pages.has(target)) return [];
  const state = scoreState(model);
  const topics = topicIndex(model);
  const bodies = bodyIndex(model);
  const targetTopic = topics.topic(target);
  // The target's topic terms as a query against page bodies: does the page talk about it?
  const query = targetTopic ? bodies.idf.vector(targetTopic.bag) : new Map<string, number>();
  const targetCluster = model.clusterOf(target)?.cluster;
  let maxImpressions = 0;
  if (gsc?.hasPages) for (const m of gsc.pages.values()) maxImpressions = Math.max(maxImpressions, m.impressions);
  const out: StrongSource[] = [];
  const targetVector = topics.vector(target);
  for (const file of state.graph.files) {
    if (file === target || model.isUnindexed(file)) continue;
    const kind = model.linkKind(file, target);
    if (kind === 'content') continue;
    const sameCluster = !!targetCluster && model.clusterOf(file)?.cluster === targetCluster;
    const a = topics.topic(file), b = topics.topic(target);
    const cmp = a && b ? compareTopics(topics.idf, a, b, topics.vector(file), targetVector) : { similarity: 0, shared: [] };
    const queries = sharedQueries(gsc, file, target).map((q) => q.query);
    const mentions = coverage(query, bodies.bag(file));
    const relevance = Math.min(1, (cmp.similarity + mentions) / 2 + (queries.length > 0 ? QUERY_BONUS : 0));
    if (relevance < MIN_RELEVANCE && !sameCluster) continue;
    const i = state.graph.index.get(file)!;
    const linkScore = state.score[i]!;
    const m = gsc?.pages.get(file);
    const impressions = gsc?.hasPages ? (m?.impressions ?? 0) : null;
    const clicks = gsc?.hasPages ? (m?.clicks ?? 0) : null;
    const impressionStrength = impressions !== null && maxImpressions > 0 ? Math.log1p(impressions) / Math.log1p(maxImpressions) : 0;
    const strength = impressions !== null && maxImpressions > 0 ? IMPRESSION_SHARE * impressionStrength + (1 - IMPRESSION_SHARE) * (linkScore / 100) : linkScore / 100;
    // A page with neither impressions nor link score has nothing to pass on.
    if (strength <= 0) continue;
    const reasons: string[] = [];
    if (sameCluster) reasons.push(`same cluster (${targetCluster!.name})`);
    if (impressions !== null) reasons.push(impressions > 0 ? `${fmt(impressions)} impressions, ${fmt(clicks ?? 0)} clicks` : 'no Search Console impressions');
    reasons.push(`link score ${Math.round(linkScore)}`);
    const bag = bodies.bag(file);
    const mentioned = [...query].filter(([t]) => (bag?.get(t) ?? 0) > 0).sort((x, y) => y[1] - x[1]).map(([t]) => targetTopic?.words.get(t) ?? t);
    if (mentioned.length > 0) reasons.push(`mentions ${mentioned.slice(0, 3).map((t) => `"${t}"`).join(', ')}`);
    if (queries.length > 0) reasons.push(`also gets impressions for ${queries.slice(0, 2).map((q) => `"${q}"`).join(', ')}`);
    if (kind === 'boilerplate') reasons.push('links to the target only from navigation or a link list');
    out.push({ file, strength, relevance, sameCluster, linkScore, impressions, clicks, sharedTerms: cmp.shared.slice(0, 8), sharedQueries: queries, reasons });
  }
  out.sort((x, y) => Number(y.sameCluster) - Number(x.sameCluster) || y.strength * y.relevance - x.strength * x.relevance || y.strength - x.strength || x.file.localeCompare(y.file));
  const top = out.slice(0, options.limit ?? 10);
  if (options.withGain ?? true) {
    for (const s of top) {
      const w = whatIfAddLink(state, s.file, target, { maxIterations: options.gainIterations ?? 30 });
      if (!w) continue;
      s.gain = w.delta;
      s.reasons.push(`${formatDelta(w.delta)} link score for the target`);
    }
  }
  return top;
}
