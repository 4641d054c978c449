import { describe, expect, it } from 'vitest';
import { buildGraph, logScores, pageRank, PLACEMENT_WEIGHTS, type GraphLink } from '../../../server/src/core/score/pagerank';
import { whatIfAddLink, type ScoreState } from '../../../server/src/core/score/stats';
import type { Placement } from '../../../server/src/core/types';

const content = (from: string, to: string): GraphLink => ({ from, to, placement: 'content' });

/**
 * An independent reference: the dense Google matrix G = d·(P + dangling/N) + (1 − d)/N, applied by
 * plain matrix–vector products until the vector stops moving.
 */
function denseRank(n: number, weights: number[][], d = 0.85): number[] {
  const g: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const total = weights[i]!.reduce((a, b) => a + b, 0);
    for (let j = 0; j < n; j++) g[i]![j] = d * (total > 0 ? weights[i]![j]! / total : 1 / n) + (1 - d) / n;
  }
  let r = new Array<number>(n).fill(1 / n);
  for (let k = 0; k < 5000; k++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[j]! += r[i]! * g[i]![j]!;
    const delta = next.reduce((s, x, j) => s + Math.abs(x - r[j]!), 0);
    r = next;
    if (delta < 1e-15) break;
  }
  return r;
}

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACEMENTS: Placement[] = ['content', 'related', 'navigation', 'heading'];

function randomSite(seed: number, n: number, density: number) {
  const rand = rng(seed);
  const files = Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}.md`);
  const links: GraphLink[] = [];
  for (const from of files) for (const to of files) if (rand() < density) links.push({ from, to, placement: PLACEMENTS[Math.floor(rand() * 4)]! });
  return { files, links };
}

/** The weight matrix the graph should have: per pair, the strongest placement; no self-links. */
function expectedWeights(files: string[], links: GraphLink[], silent: Set<string> = new Set()): number[][] {
  const w = files.map(() => new Array<number>(files.length).fill(0));
  for (const l of links) {
    const i = files.indexOf(l.from), j = files.indexOf(l.to);
    if (i === j || silent.has(l.from)) continue;
    w[i]![j] = Math.max(w[i]![j]!, PLACEMENT_WEIGHTS[l.placement]);
  }
  return w;
}

function stateOf(files: string[], links: GraphLink[], silent: (f: string) => boolean = () => false): ScoreState {
  const graph = buildGraph(files, links, silent);
  const r = pageRank(graph);
  return { graph, rank: r.rank, score: logScores(r.rank), iterations: r.iterations, converged: r.converged };
}

describe('pageRank', () => {
  it('gives each page of a 3-cycle a third', () => {
    const r = pageRank(buildGraph(['a', 'b', 'c'], [content('a', 'b'), content('b', 'c'), content('c', 'a')]));
    expect(r.converged).toBe(true);
    for (const x of r.rank) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it('matches the closed form of a star (hub ↔ k leaves)', () => {
    const k = 5, n = k + 1, d = 0.85;
    const leaves = Array.from({ length: k }, (_, i) => `leaf${i}`);
    const links = leaves.flatMap((l) => [content(l, 'hub'), content('hub', l)]);
    const r = pageRank(buildGraph(['hub', ...leaves], links));
    // r_hub = (1−d)/n + d·(1 − r_hub)
    const hub = ((1 - d) / n + d) / (1 + d);
    expect(r.rank[0]).toBeCloseTo(hub, 10);
    for (let i = 1; i < n; i++) expect(r.rank[i]).toBeCloseTo((1 - hub) / k, 10);
  });

  it('spreads the rank of a dangling page over every page', () => {
    const files = ['a', 'b', 'c'];
    const links = [content('a', 'b'), content('b', 'c')];
    const r = pageRank(buildGraph(files, links));
    const ref = denseRank(3, expectedWeights(files, links));
    ref.forEach((x, i) => expect(Math.abs(r.rank[i]! - x)).toBeLessThan(1e-10));
    expect(r.rank.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(r.rank[2]).toBeGreaterThan(r.rank[1]!);
  });

  it('agrees with a dense matrix power method on random weighted graphs', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { files, links } = randomSite(seed, 40, 0.08);
      const r = pageRank(buildGraph(files, links));
      const ref = denseRank(files.length, expectedWeights(files, links));
      const l1 = ref.reduce((s, x, i) => s + Math.abs(x - r.rank[i]!), 0);
      expect(l1).toBeLessThan(1e-9);
    }
  });

  it('weights links by placement: content 1, related and heading 0.5, navigation 0.25', () => {
    const files = ['src', 'viaContent', 'viaNav', 'viaRelated', 'viaHeading'];
    const links: GraphLink[] = [
      { from: 'src', to: 'viaContent', placement: 'content' },
      { from: 'src', to: 'viaNav', placement: 'navigation' },
      { from: 'src', to: 'viaRelated', placement: 'related' },
      { from: 'src', to: 'viaHeading', placement: 'heading' },
    ];
    const g = buildGraph(files, links);
    expect([...g.out[0]!.w]).toEqual([1, 0.25, 0.5, 0.5]);
    const r = pageRank(g);
    // The leaves are dangling and `src` has no inbound link, so each leaf's rank above src's is
    // exactly its share of src's vote: d · r(src) · weight / 2.25.
    const gain = (i: number) => r.rank[i]! - r.rank[0]!;
    expect(gain(1)).toBeCloseTo((0.85 * r.rank[0]! * 1) / 2.25, 9);
    expect(gain(1) / gain(2)).toBeCloseTo(4, 6);
    expect(gain(3) / gain(2)).toBeCloseTo(2, 6);
    expect(gain(4)).toBeCloseTo(gain(3), 12);
  });

  it('counts repeated links to one destination once, at the strongest placement', () => {
    const files = ['a', 'b', 'c'];
    const once = pageRank(buildGraph(files, [content('a', 'b'), { from: 'a', to: 'c', placement: 'navigation' }]));
    const repeated = pageRank(buildGraph(files, [
      content('a', 'b'), content('a', 'b'), { from: 'a', to: 'b', placement: 'navigation' },
      { from: 'a', to: 'c', placement: 'navigation' }, { from: 'a', to: 'c', placement: 'navigation' },
    ]));
    expect([...repeated.rank]).toEqual([...once.rank]);
    const upgraded = buildGraph(files, [{ from: 'a', to: 'c', placement: 'navigation' }, { from: 'a', to: 'c', placement: 'related' }]);
    expect([...upgraded.out[0]!.w]).toEqual([0.5]);
  });

  it('ignores self-links', () => {
    const files = ['a', 'b'];
    const a = pageRank(buildGraph(files, [content('a', 'b'), content('b', 'a')]));
    const b = pageRank(buildGraph(files, [content('a', 'b'), content('a', 'a'), content('b', 'a'), content('b', 'b')]));
    expect([...b.rank]).toEqual([...a.rank]);
  });

  it('lets drafts and noindex pages receive but pass nothing', () => {
    const files = ['draft', 'x', 'y', 'z'];
    const links = [content('draft', 'x'), content('y', 'draft'), content('z', 'y'), content('x', 'z')];
    const silent = (f: string) => f === 'draft';
    const r = pageRank(buildGraph(files, links, silent));
    const ref = denseRank(4, expectedWeights(files, links, new Set(['draft'])));
    ref.forEach((v, i) => expect(Math.abs(r.rank[i]! - v)).toBeLessThan(1e-10));
    // x gets no more than a page nobody links to: the teleport share plus the dangling share.
    const alone = pageRank(buildGraph(files, links.filter((l) => l.from !== 'draft'), silent));
    expect(r.rank[1]).toBeCloseTo(alone.rank[1]!, 12);
    // The draft still receives y's vote.
    expect(r.rank[0]).toBeGreaterThan(r.rank[1]!);
  });

  it('stops at the iteration cap and says it did not converge', () => {
    const { files, links } = randomSite(9, 30, 0.1);
    const r = pageRank(buildGraph(files, links), { maxIterations: 3 });
    expect(r.iterations).toBe(3);
    expect(r.converged).toBe(false);
  });
});

describe('logScores', () => {
  it('maps log(rank) linearly onto 0–100', () => {
    expect([...logScores(Float64Array.from([0.001, 0.01, 0.1]))].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0, 50, 100]);
  });
  it('scores every page 100 when all rank the same', () => {
    expect([...logScores(Float64Array.from([0.25, 0.25, 0.25, 0.25]))]).toEqual([100, 100, 100, 100]);
  });
});

describe('whatIfAddLink', () => {
  it('warm-started iteration reaches the full recomputation within 1e-9', () => {
    for (const seed of [11, 12, 13]) {
      const { files, links } = randomSite(seed, 60, 0.05);
      const state = stateOf(files, links);
      const rand = rng(seed * 7);
      for (let k = 0; k < 5; k++) {
        const from = files[Math.floor(rand() * files.length)]!;
        const to = files[Math.floor(rand() * files.length)]!;
        if (from === to) continue;
        const w = whatIfAddLink(state, from, to)!;
        const full = pageRank(buildGraph(files, [...links, content(from, to)]));
        const l1 = full.rank.reduce((s, x, i) => s + Math.abs(x - w.rank[i]!), 0);
        expect(l1).toBeLessThan(1e-9);
        expect(w.converged).toBe(true);
        expect(w.delta).toBeCloseTo(logScores(full.rank)[files.indexOf(to)]! - state.score[files.indexOf(to)]!, 6);
      }
    }
  });

  it('needs fewer iterations from the current ranks than from scratch', () => {
    const { files, links } = randomSite(21, 80, 0.05);
    const state = stateOf(files, links);
    const w = whatIfAddLink(state, files[3]!, files[40]!)!;
    const cold = pageRank(buildGraph(files, [...links, content(files[3]!, files[40]!)]));
    expect(w.iterations).toBeLessThan(cold.iterations);
  });

  it('estimates the delta within a fraction of a point after a few iterations', () => {
    const { files, links } = randomSite(31, 80, 0.05);
    const state = stateOf(files, links);
    const exact = whatIfAddLink(state, files[5]!, files[50]!)!;
    const quick = whatIfAddLink(state, files[5]!, files[50]!, { maxIterations: 30 })!;
    expect(exact.delta).toBeGreaterThan(0);
    expect(Math.abs(quick.delta - exact.delta)).toBeLessThan(0.25);
  });

  it('changes nothing for a link that exists, a self-link, or a draft source', () => {
    const files = ['a', 'b', 'c', 'draft'];
    const links = [content('a', 'b'), content('b', 'c'), content('c', 'a'), content('draft', 'a')];
    const state = stateOf(files, links, (f) => f === 'draft');
    for (const [from, to] of [['a', 'b'], ['a', 'a'], ['draft', 'b']] as const) {
      const w = whatIfAddLink(state, from, to)!;
      expect(w.delta).toBe(0);
      expect(w.iterations).toBe(0);
    }
    expect(whatIfAddLink(state, 'a', 'nowhere')).toBeUndefined();
    // A stronger placement for an existing navigation link is a real change.
    const nav = stateOf(['a', 'b', 'c'], [{ from: 'a', to: 'b', placement: 'navigation' }, content('a', 'c'), content('b', 'a'), content('c', 'a')]);
    const up = whatIfAddLink(nav, 'a', 'b')!;
    expect(up.rawAfter).toBeGreaterThan(up.rawBefore);
  });
});
