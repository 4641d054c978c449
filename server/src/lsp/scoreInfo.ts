// A page's link score, its place among the site's pages and its Search Console totals, for the
// hover and the views. Everything here is computed once per (immutable) model.
import type { SiteModel } from '../core/model';
import { scoreState, stats } from '../core/score';

export interface ScoreInfo {
  /** 0–100, rounded. */
  score: number;
  /** 1 = the strongest page; pages with the same PageRank share a rank. */
  rank: number;
  /** Pages ranked. */
  of: number;
  impressions: number | null;
  clicks: number | null;
}

const ranks = new WeakMap<SiteModel, Map<string, number>>();

function siteRanks(model: SiteModel): Map<string, number> {
  let out = ranks.get(model);
  if (out) return out;
  const s = scoreState(model);
  const order = s.graph.files.map((f, i) => ({ f, r: s.rank[i]! })).sort((a, b) => b.r - a.r);
  out = new Map();
  let rank = 0;
  order.forEach((x, k) => {
    // Equal PageRank (within float noise) is an equal place.
    if (k === 0 || Math.abs(order[k - 1]!.r - x.r) > 1e-12) rank = k + 1;
    out!.set(x.f, rank);
  });
  ranks.set(model, out);
  return out;
}

export function scoreInfo(model: SiteModel, file: string): ScoreInfo | undefined {
  const st = stats(model, file);
  const rank = siteRanks(model).get(file);
  if (!st || rank === undefined) return undefined;
  return { score: st.linkScore, rank, of: scoreState(model).graph.files.length, impressions: st.impressions, clicks: st.clicks };
}

const fmt = (n: number) => n.toLocaleString('en-US');

// "Link score **90**/100 · #2 of 40 pages · 402,115 impressions · 18,734 clicks", in Markdown.
export function scoreLine(info: ScoreInfo): string {
  const parts = [`Link score **${info.score}**/100`, `#${info.rank} of ${info.of} page${info.of === 1 ? '' : 's'}`];
  if (info.impressions !== null) parts.push(`${fmt(info.impressions)} impressions`, `${fmt(info.clicks ?? 0)} clicks`);
  return parts.join(' · ');
}
