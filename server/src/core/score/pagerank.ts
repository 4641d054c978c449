// Internal PageRank over the resolved link graph, weighted by where a link sits on the page.
// docs/link-score.md explains the model and its choices.
import type { Placement } from '../types';

/**
 * How much of a page's vote a link carries, by placement: a link in the prose is a deliberate
 * recommendation; link lists, headings and site navigation repeat on many pages and say less.
 */
export const PLACEMENT_WEIGHTS: Readonly<Record<Placement, number>> = Object.freeze({ content: 1, related: 0.5, heading: 0.5, navigation: 0.25 });

export const DAMPING = 0.85;
export const TOLERANCE = 1e-10;
export const MAX_ITERATIONS = 1000;

/** One page's outgoing votes: destinations (node indexes) and their weights. */
export interface OutRow { to: Int32Array; w: Float64Array; total: number }

export interface LinkGraph {
  files: readonly string[];
  index: ReadonlyMap<string, number>;
  /** Per node; empty for pages that pass nothing (no links, drafts, noindex). */
  out: readonly OutRow[];
  /** Nodes whose links are ignored (drafts, noindex). */
  silent: ReadonlySet<number>;
}

export interface GraphLink { from: string; to: string; placement: Placement }

const EMPTY: OutRow = { to: new Int32Array(0), w: new Float64Array(0), total: 0 };

/**
 * Builds the weighted graph. Several links from one page to the same destination count once, at
 * the weight of the strongest placement; self-links are dropped; `silent` pages pass nothing.
 */
export function buildGraph(files: readonly string[], links: Iterable<GraphLink>, silent: (file: string) => boolean = () => false): LinkGraph {
  const index = new Map<string, number>();
  files.forEach((f, i) => index.set(f, i));
  const best = files.map(() => new Map<number, number>());
  for (const l of links) {
    const i = index.get(l.from), j = index.get(l.to);
    if (i === undefined || j === undefined || i === j) continue;
    const w = PLACEMENT_WEIGHTS[l.placement];
    const row = best[i]!;
    if ((row.get(j) ?? 0) < w) row.set(j, w);
  }
  const quiet = new Set<number>();
  files.forEach((f, i) => { if (silent(f)) quiet.add(i); });
  const out = best.map((row, i) => (quiet.has(i) || row.size === 0 ? EMPTY : rowOf(row)));
  return { files, index, out, silent: quiet };
}

function rowOf(row: ReadonlyMap<number, number>): OutRow {
  const entries = [...row].sort((a, b) => a[0] - b[0]);
  const to = new Int32Array(entries.length), w = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([j, x], k) => { to[k] = j; w[k] = x; total += x; });
  return { to, w, total };
}

/** The graph with one more vote from `from` to `to` (or a stronger one, when it already exists). */
export function withLink(graph: LinkGraph, from: number, to: number, weight: number): LinkGraph {
  // A page that passes nothing gains no voice by linking more.
  if (from === to || graph.silent.has(from)) return graph;
  const row = new Map<number, number>();
  const old = graph.out[from]!;
  for (let k = 0; k < old.to.length; k++) row.set(old.to[k]!, old.w[k]!);
  if ((row.get(to) ?? 0) >= weight) return graph;
  row.set(to, weight);
  const out = graph.out.slice();
  out[from] = rowOf(row);
  return { files: graph.files, index: graph.index, out, silent: graph.silent };
}

export interface PageRankOptions {
  damping?: number;
  /** Stop when the L1 distance between two iterations falls below this. */
  tolerance?: number;
  maxIterations?: number;
  /** Start vector (a previous result, for warm starts); uniform when absent. */
  start?: Float64Array;
}

export interface PageRankResult { rank: Float64Array; iterations: number; delta: number; converged: boolean }

/**
 * Power iteration with uniform teleportation. The rank of pages that pass nothing is spread over
 * every page, so the ranks always sum to 1.
 */
export function pageRank(graph: LinkGraph, options: PageRankOptions = {}): PageRankResult {
  const n = graph.files.length;
  const d = options.damping ?? DAMPING;
  const tol = options.tolerance ?? TOLERANCE;
  const max = options.maxIterations ?? MAX_ITERATIONS;
  if (n === 0) return { rank: new Float64Array(0), iterations: 0, delta: 0, converged: true };
  let rank = options.start && options.start.length === n ? Float64Array.from(options.start) : new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let delta = Infinity;
  let iterations = 0;
  while (iterations < max) {
    let dangling = 0;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const row = graph.out[i]!;
      const r = rank[i]!;
      if (row.total === 0) { dangling += r; continue; }
      const share = (d * r) / row.total;
      for (let k = 0; k < row.to.length; k++) next[row.to[k]!]! += share * row.w[k]!;
    }
    const base = (1 - d) / n + (d * dangling) / n;
    delta = 0;
    for (let j = 0; j < n; j++) {
      next[j]! += base;
      delta += Math.abs(next[j]! - rank[j]!);
    }
    [rank, next] = [next, rank];
    iterations++;
    if (delta < tol) break;
  }
  return { rank, iterations, delta, converged: delta < tol };
}

/**
 * Ranks on a 0–100 log scale: the page with the highest rank scores 100, the lowest 0, and equal
 * ratios of rank are equal steps (as Screaming Frog's Link Score). A site whose pages all rank the
 * same scores 100 everywhere.
 */
export function logScores(rank: Float64Array): Float64Array {
  const out = new Float64Array(rank.length);
  if (rank.length === 0) return out;
  let lo = Infinity, hi = -Infinity;
  for (const r of rank) { const l = Math.log(r); if (l < lo) lo = l; if (l > hi) hi = l; }
  // Below this spread the differences are iteration noise (the tolerance is 1e-10 on ranks).
  const span = hi - lo;
  for (let i = 0; i < rank.length; i++) out[i] = span > 1e-6 ? (100 * (Math.log(rank[i]!) - lo)) / span : 100;
  return out;
}
