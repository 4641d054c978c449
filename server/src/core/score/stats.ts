// Link scores and per-page statistics of a model, computed once per (immutable) model.
import { searchConsoleOf } from '../gsc/index';
import type { SiteModel } from '../model';
import type { Placement } from '../types';
import { buildGraph, logScores, pageRank, PLACEMENT_WEIGHTS, withLink, type GraphLink, type LinkGraph, type PageRankOptions } from './pagerank';

export interface ScoreState {
  graph: LinkGraph;
  /** PageRank per node (sums to 1). */
  rank: Float64Array;
  /** 0–100 log-scale link score per node. */
  score: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface LinkScore { raw: number; score0to100: number }

export interface PageStats {
  file: string;
  /** 0–100, rounded. */
  linkScore: number;
  /** Distinct pages that link here (any placement, self-links and image embeds excluded). */
  inbound: number;
  /** Distinct pages this page links to. */
  outbound: number;
  depth: number | null;
  impressions: number | null;
  clicks: number | null;
}

/** The internal links of a model as graph edges (page destinations only, no image embeds). */
export function graphLinks(model: SiteModel): GraphLink[] {
  const links: GraphLink[] = [];
  for (const [from, out] of model.outbound) {
    for (const l of out) if (l.res.kind === 'page' && !l.link.image) links.push({ from, to: l.res.file, placement: l.link.placement });
  }
  return links;
}

/** The weighted link graph of a model; drafts and noindex pages pass nothing. */
export function linkGraph(model: SiteModel): LinkGraph {
  return buildGraph([...model.pages.keys()].sort(), graphLinks(model), (f) => model.isUnindexed(f));
}

const states = new WeakMap<SiteModel, ScoreState>();

export function scoreState(model: SiteModel): ScoreState {
  let s = states.get(model);
  if (!s) {
    const graph = linkGraph(model);
    const r = pageRank(graph);
    s = { graph, rank: r.rank, score: logScores(r.rank), iterations: r.iterations, converged: r.converged };
    states.set(model, s);
  }
  return s;
}

/** Every page's PageRank (`raw`) and its 0–100 link score. */
export function linkScores(model: SiteModel): Map<string, LinkScore> {
  const s = scoreState(model);
  const out = new Map<string, LinkScore>();
  s.graph.files.forEach((f, i) => out.set(f, { raw: s.rank[i]!, score0to100: s.score[i]! }));
  return out;
}

export interface WhatIf {
  from: string;
  to: string;
  /** The target's link score before and after (0–100, unrounded). */
  before: number;
  after: number;
  /** after − before, in score points. */
  delta: number;
  rawBefore: number;
  rawAfter: number;
  /** The updated rank vector (for callers that look at other pages). */
  rank: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface WhatIfOptions {
  placement?: Placement;
  /** Cap on warm-started iterations: a few give an estimate, the default runs to the tolerance. */
  maxIterations?: number;
  tolerance?: number;
}

/**
 * What adding one link would do to the target's link score. The power iteration restarts from the
 * current ranks, not from scratch: one link moves the fixed point only a little, so a warm start
 * needs fewer iterations to the same tolerance, and a handful already give the delta in points.
 * Returns undefined when either page is unknown.
 */
export function whatIfAddLink(state: ScoreState, from: string, to: string, options: WhatIfOptions = {}): WhatIf | undefined {
  const i = state.graph.index.get(from), j = state.graph.index.get(to);
  if (i === undefined || j === undefined) return undefined;
  const unchanged = (): WhatIf => ({ from, to, before: state.score[j]!, after: state.score[j]!, delta: 0, rawBefore: state.rank[j]!, rawAfter: state.rank[j]!, rank: state.rank, iterations: 0, converged: true });
  const graph = withLink(state.graph, i, j, PLACEMENT_WEIGHTS[options.placement ?? 'content']);
  if (graph === state.graph) return unchanged();
  const opts: PageRankOptions = { start: state.rank, ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}), ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}) };
  const r = pageRank(graph, opts);
  const after = logScores(r.rank)[j]!;
  return { from, to, before: state.score[j]!, after, delta: after - state.score[j]!, rawBefore: state.rank[j]!, rawAfter: r.rank[j]!, rank: r.rank, iterations: r.iterations, converged: r.converged };
}

/** `+3` / `+0.4` / `−1` link score points, for messages. */
export function formatDelta(delta: number): string {
  const abs = Math.abs(delta);
  const text = abs >= 10 ? abs.toFixed(0) : abs >= 0.05 ? abs.toFixed(1) : abs > 0 ? '<0.1' : '0';
  return `${delta < 0 ? '−' : '+'}${text}`;
}

const statsCache = new WeakMap<SiteModel, PageStats[]>();

/** Per-page numbers for reports (`pageStats` in `pillarlink check --format json`), by file. */
export function pageStats(model: SiteModel): PageStats[] {
  const cached = statsCache.get(model);
  if (cached) return cached;
  const s = scoreState(model);
  const gsc = searchConsoleOf(model);
  const inbound = new Map<string, Set<string>>();
  const outbound = new Map<string, Set<string>>();
  for (const l of graphLinks(model)) {
    if (l.from === l.to) continue;
    if (!outbound.has(l.from)) outbound.set(l.from, new Set());
    outbound.get(l.from)!.add(l.to);
    if (!inbound.has(l.to)) inbound.set(l.to, new Set());
    inbound.get(l.to)!.add(l.from);
  }
  const out = s.graph.files.map((file, i) => {
    const m = gsc?.pages.get(file);
    return {
      file,
      linkScore: Math.round(s.score[i]!),
      inbound: inbound.get(file)?.size ?? 0,
      outbound: outbound.get(file)?.size ?? 0,
      depth: model.depth(file),
      impressions: gsc?.hasPages ? (m?.impressions ?? 0) : null,
      clicks: gsc?.hasPages ? (m?.clicks ?? 0) : null,
    };
  });
  statsCache.set(model, out);
  return out;
}

/** One page's statistics, or undefined when it is not a page of the model. */
export function stats(model: SiteModel, file: string): PageStats | undefined {
  const i = scoreState(model).graph.index.get(file);
  return i === undefined ? undefined : pageStats(model)[i];
}
