// The typed protocol between the Pillarlink client and server, beyond standard LSP.
// Pure types and method names: no vscode or LSP library imports, so both sides and tests share it.
import type { ClusterDto, PageInfoDto } from './dto';

export const Methods = {
  /** to server: the clusters of every workspace folder. */
  clusters: 'pillarlink/clusters',
  /** to server: cluster, role and link facts of one page (status bar, code lens). */
  pageInfo: 'pillarlink/pageInfo',
  /** to server: re-read configuration and re-index every folder. */
  reindex: 'pillarlink/reindex',
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
