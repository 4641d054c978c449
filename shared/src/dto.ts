// Plain wire types shared by the client and the server.

export interface ClusterMemberDto {
  uri: string;
  file: string;
  title: string;
  role: string;
  linksToTarget: boolean;
  linksToTargetOnlyFromBoilerplate: boolean;
  inbound: number;
  /** 0–100 link score (internal PageRank, log scale), rounded; null when the page is not in the link graph. */
  linkScore: number | null;
  /** Search Console impressions and clicks; null without a loaded export. */
  impressions: number | null;
  clicks: number | null;
}

export interface ClusterDto {
  id: string;
  name: string;
  inferred: boolean;
  targets: ClusterMemberDto[];
  members: ClusterMemberDto[];
}

export interface PageInfoDto {
  uri: string;
  file: string;
  title: string;
  url: string | null;
  cluster: { id: string; name: string } | null;
  role: string | null;
  isTarget: boolean;
  inbound: number;
  outbound: number;
  /** For support pages: has a contextual link up to the target. */
  linksToTarget: boolean | null;
  /** For target pages: support pages in the cluster, and how many link up. */
  supportCount: number;
  supportLinkingUp: number;
  missing: { uri: string; title: string }[];
  targets: { uri: string; title: string }[];
}

/** A zero-based line/character position, as LSP defines it. */
export interface PositionDto { line: number; character: number }
export interface RangeDto { start: PositionDto; end: PositionDto }
export interface TextEditDto { range: RangeDto; newText: string }
/** A workspace edit in LSP's `changes` form (document URI → edits). */
export interface WorkspaceEditDto { changes: Record<string, TextEditDto[]> }

/** One page as the Clusters view shows it. */
export interface PageItemDto {
  uri: string;
  file: string;
  title: string;
  role: string | null;
  /** Site path (`/blog/post/`) or null when the page has no route. */
  url: string | null;
  /** baseUrl + url when the site's base URL is known, else the site path. */
  href: string | null;
  inbound: number;
  /** Support pages: `content` (links up), `boilerplate` (only from related/nav), `none`; null for targets and unclustered pages. */
  linkUp: 'content' | 'boilerplate' | 'none' | null;
  /** No other indexed page links here and it is not an entry page. */
  orphan: boolean;
  /** 0–100 link score, rounded; null when the page is not in the link graph. */
  linkScore: number | null;
  /** Search Console impressions and clicks; null without a loaded export. */
  impressions: number | null;
  clicks: number | null;
}

export interface ClusterSummaryDto {
  id: string;
  name: string;
  inferred: boolean;
  targets: PageItemDto[];
  /** Support pages per role (only roles with pages), in the vocabulary's order. */
  roles: { role: string; count: number }[];
  supportCount: number;
  /** Support pages without a contextual link up to a target. */
  missing: number;
  /** The single target's link score (0–100, rounded) and its rank among the site's pages (1 = strongest); null without exactly one target. */
  targetScore: number | null;
  targetRank: number | null;
}

export interface FolderOverviewDto {
  uri: string;
  name: string;
  pages: number;
  clusters: ClusterSummaryDto[];
  unclustered: number;
  orphans: number;
}

export type PageGroupDto =
  | { kind: 'cluster'; clusterId: string; role: string }
  | { kind: 'unclustered' }
  | { kind: 'orphans' };

export interface PageLinkDto {
  /** Anchor text (alt text for images). */
  text: string;
  url: string;
  placement: 'content' | 'related' | 'navigation' | 'heading';
  /** A `content`-placement link: in the body text, not a list or navigation. */
  contextual: boolean;
  /** The page holding the link and the link's range in it. */
  sourceUri: string;
  sourceTitle: string;
  range: RangeDto;
  /** How the destination resolved: page, asset, external, broken, … */
  kind: string;
  destUri: string | null;
  destTitle: string | null;
  destUrl: string | null;
  destRole: string | null;
  broken: boolean;
  /** `explainResolution` of the destination. */
  explanation: string;
  /** Link score (0–100, rounded) of the other page: the source of an inbound link, the destination page of an outbound one; null otherwise. */
  linkScore: number | null;
  /** Search Console impressions and clicks of that page; null without a loaded export or without a page. */
  impressions: number | null;
  clicks: number | null;
}

export interface PageLinksDto {
  uri: string;
  title: string;
  inbound: PageLinkDto[];
  outbound: PageLinkDto[];
}

/** A node of the graph webview, placed by the server's layout (the same the HTML report draws). */
export interface GraphNodeDto {
  /** Page file, or `cluster:<id>` / `unclustered` / `orphans` in the site view. */
  id: string;
  kind: 'page' | 'cluster' | 'group';
  /** Full title; `shortLabel` is what fits in the picture. */
  label: string;
  shortLabel: string;
  uri: string | null;
  file: string | null;
  clusterId: string | null;
  role: string | null;
  isTarget: boolean;
  inbound: number;
  contentInbound: number;
  outbound: number;
  linkUp: 'content' | 'boilerplate' | 'none' | null;
  /** Pages: link score 0–100 (node size). */
  linkScore?: number;
  /** Tooltip lines (the label is shown apart). */
  details: string[];
  orphan: boolean;
  /** Aggregates: pages inside, and support pages without a link up. */
  pages: number | null;
  missing: number | null;
  x: number;
  y: number;
  r: number;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface GraphEdgeDto {
  from: string;
  to: string;
  /** `content` body link, `boilerplate` related list/navigation link, `missing` contextual link up. */
  kind: 'content' | 'boilerplate' | 'missing';
  weight: number;
}

export interface ClusterGraphDto {
  folderUri: string;
  folderName: string;
  scope: 'cluster' | 'site';
  clusterId: string | null;
  title: string;
  inferred: boolean;
  width: number;
  height: number;
  nodes: GraphNodeDto[];
  edges: GraphEdgeDto[];
  /** Every cluster of the folder, for the webview's picker. */
  clusters: { id: string; name: string }[];
}
