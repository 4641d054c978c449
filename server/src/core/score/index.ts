// Link score (internal PageRank), what-if deltas and source suggestions. See docs/link-score.md.
export { buildGraph, DAMPING, logScores, MAX_ITERATIONS, pageRank, PLACEMENT_WEIGHTS, TOLERANCE, withLink, type GraphLink, type LinkGraph, type OutRow, type PageRankOptions, type PageRankResult } from './pagerank';
export { formatDelta, graphLinks, linkGraph, linkScores, pageStats, scoreState, stats, whatIfAddLink, type LinkScore, type PageStats, type ScoreState, type WhatIf, type WhatIfOptions } from './stats';
export { strongSources, type StrongSource, type StrongSourceOptions } from './sources';
