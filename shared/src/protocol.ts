// The typed protocol between the Pillarlink client and server, beyond standard LSP.
// Pure types and method names: no vscode or LSP library imports, so both sides and tests share it.
import type { ClusterDto, ClusterGraphDto, FolderOverviewDto, PageGroupDto, PageInfoDto, PageItemDto, PageLinksDto, WorkspaceEditDto } from './dto';

export const Methods = {
  /** to server: the clusters of every workspace folder. */
  clusters: 'pillarlink/clusters',
  /** to server: cluster, role and link facts of one page (status bar, code lens). */
  pageInfo: 'pillarlink/pageInfo',
  /** to server: re-read configuration and re-index every folder. */
  reindex: 'pillarlink/reindex',
  /** to server: per folder, cluster summaries and group sizes for the Clusters view (pages come lazily). */
  overview: 'pillarlink/overview',
  /** to server: one page of a group of the Clusters view (a role in a cluster, unclustered pages, orphans). */
  groupPages: 'pillarlink/groupPages',
  /** to server: inbound and outbound links of one page (Links view). */
  pageLinks: 'pillarlink/pageLinks',
  /** to server: a WorkspaceEdit writing `cluster:`/`role:` frontmatter to the pages of a suggested cluster. */
  adoptCluster: 'pillarlink/adoptCluster',
  /** to server: a WorkspaceEdit setting `role: target` on a page. */
  makeTarget: 'pillarlink/makeTarget',
  /** to server: a WorkspaceEdit setting `cluster:` (and optionally `role:`) on a page. */
  assignCluster: 'pillarlink/assignCluster',
  /** to server: nodes, edges and layout of one cluster, or of the whole site aggregated per cluster (graph webview). */
  clusterGraph: 'pillarlink/clusterGraph',
  /** from server: the graph changed; views should refresh. */
  graphChanged: 'pillarlink/graphChanged',
  /** from server: indexing status for the status bar. */
  status: 'pillarlink/status',
} as const;

export interface ClustersParams { folderUri?: string }
export interface ClustersResult { folders: { uri: string; name: string; clusters: ClusterDto[] }[] }

export interface PageInfoParams { uri: string }
export type PageInfoResult = PageInfoDto | null;

export interface ReindexResult { pages: number }

export interface GraphChangedParams { folderUri: string; pages: number }

export interface StatusParams { state: 'indexing' | 'ready'; folderUri: string; done?: number; total?: number; pages?: number }

/** Narrows the Clusters view: `query` matches titles, paths and cluster names (case-insensitive). */
export interface TreeFilter { query?: string; onlyProblems?: boolean }

export interface OverviewParams { folderUri?: string; filter?: TreeFilter }
export interface OverviewResult { folders: FolderOverviewDto[] }

export interface GroupPagesParams { folderUri: string; group: PageGroupDto; offset?: number; limit?: number; filter?: TreeFilter }
export interface GroupPagesResult { items: PageItemDto[]; total: number }

export interface PageLinksParams { uri: string }
export type PageLinksResult = PageLinksDto | null;

export interface AdoptClusterParams { folderUri: string; clusterId: string }
export interface MakeTargetParams { uri: string }
export interface AssignClusterParams { uri: string; cluster: string; role?: string }
/** An edit to apply, or an error message saying why none could be made. */
export interface EditResult { edit: WorkspaceEditDto | null; error?: string }

/**
 * The picture to draw: `uri` names a page (its cluster is drawn, else the site); otherwise `clusterId`
 * in `folderUri` (default: the first folder); neither draws the whole site.
 */
export interface ClusterGraphParams { folderUri?: string; clusterId?: string; uri?: string }
export type ClusterGraphResult = ClusterGraphDto | null;
