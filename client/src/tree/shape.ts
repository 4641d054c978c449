// The Clusters view's data shaping, as pure functions over the server's DTOs. No vscode import:
// unit tests run this directly, and clusters.ts turns the nodes into TreeItems.
import type { ClusterSummaryDto, FolderOverviewDto, PageGroupDto, PageItemDto } from '../../../shared/src/dto';
import type { TreeFilter } from '../../../shared/src/protocol';

/** Pages fetched per request for a group; more come with "Load more…". */
export const PAGE_SIZE = 200;

export type NodeKind = 'folder' | 'cluster' | 'targets-warning' | 'group' | 'page' | 'load-more' | 'message';

export interface TreeIcon {
  /** A codicon id. */
  id: string;
  /** A theme colour id (e.g. list.warningForeground). */
  color?: string;
}

export interface TreeNode {
  /** Unique in the tree and stable across refreshes. */
  id: string;
  parentId: string | undefined;
  kind: NodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: TreeIcon;
  /** Space-separated tokens matched by `viewItem =~ /\btoken\b/` in menus. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  folderUri: string;
  cluster?: ClusterSummaryDto;
  /** The page group whose pages this node lists (groups) or continues (load-more). */
  group?: PageGroupDto;
  page?: PageItemDto;
  /** Lies inside a suggested cluster (no warnings there). */
  suggested?: boolean;
  /** Statically known children (cluster targets, folder groups); absent for lazily paged groups. */
  children?: TreeNode[];
}

export const ROLE_ICONS: Readonly<Record<string, string>> = {
  target: 'target',
  tool: 'tools',
  service: 'briefcase',
  pillar: 'book',
  tutorial: 'mortar-board',
  explainer: 'lightbulb',
  comparison: 'arrow-swap',
  faq: 'question',
  'case-study': 'graph',
  support: 'file',
};

export const ROLE_GROUPS: Readonly<Record<string, string>> = {
  tutorial: 'Tutorials',
  explainer: 'Explainers',
  comparison: 'Comparisons',
  faq: 'FAQs',
  'case-study': 'Case studies',
  support: 'Support',
};

const WARNING = 'list.warningForeground';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "links up ✓" | "no link to target" | "boilerplate only", or null for pages that need no link up. */
export function linkUpText(page: PageItemDto): string | null {
  if (page.linkUp === 'content') return 'links up ✓';
  if (page.linkUp === 'boilerplate') return 'boilerplate only';
  if (page.linkUp === 'none') return 'no link to target';
  return null;
}

/** Suggested clusters raise no warnings: there a missing link up is information, not a problem. */
export function hasProblem(page: PageItemDto, suggested = false): boolean {
  return page.orphan || (!suggested && page.linkUp !== null && page.linkUp !== 'content');
}

export function pageDescription(page: PageItemDto): string {
  const parts: string[] = [];
  const up = linkUpText(page);
  if (up) parts.push(up);
  parts.push(`${page.inbound} inbound`);
  if (page.linkScore !== null) parts.push(`score ${page.linkScore}`);
  if (page.orphan && page.linkUp === null) parts.push('orphan');
  return parts.join(' · ');
}

/** "Link score 61 · 8,112 impressions · 198 clicks", or '' when nothing is known. */
function searchLine(page: PageItemDto): string {
  const parts: string[] = [];
  if (page.linkScore !== null) parts.push(`Link score ${page.linkScore}`);
  if (page.impressions !== null) parts.push(`${page.impressions.toLocaleString('en-US')} impressions`, `${(page.clicks ?? 0).toLocaleString('en-US')} clicks`);
  return parts.join(' · ');
}

export function pageNode(folderUri: string, page: PageItemDto, parentId: string, suggested = false): TreeNode {
  const tokens = ['page'];
  if (page.role !== null) tokens.push('clustered', page.role in ROLE_GROUPS ? 'support' : 'target');
  if (page.linkUp !== null && page.linkUp !== 'content') tokens.push('missing');
  if (page.href) tokens.push('hasUrl');
  const tooltip = [page.title, page.file, page.url ?? '(no URL)', searchLine(page), page.orphan ? 'Orphan: no other indexed page links here.' : '', page.linkUp === 'none' ? 'No contextual link up to the cluster\'s target.' : '', page.linkUp === 'boilerplate' ? 'Links to the target only from related/navigation links, not from the text.' : '']
    .filter(Boolean).join('\n');
  return {
    id: `${parentId}/page:${page.file}`,
    parentId,
    kind: 'page',
    label: page.title,
    description: pageDescription(page),
    tooltip,
    icon: { id: ROLE_ICONS[page.role ?? ''] ?? 'file', ...(hasProblem(page, suggested) ? { color: WARNING } : {}) },
    contextValue: tokens.join(' '),
    collapsible: 'none',
    folderUri,
    page,
  };
}

/** "5 pages · 2 missing links · score 90 · #2", with a note when the cluster has no target or several. */
export function clusterDescription(c: ClusterSummaryDto): string {
  const parts = [plural(c.supportCount + c.targets.length, 'page')];
  if (c.targets.length === 0) parts.push('no target');
  else if (c.targets.length > 1) parts.push(`${c.targets.length} targets`);
  if (c.missing > 0) parts.push(plural(c.missing, 'missing link'));
  // The target's link score and its place among the site's pages.
  if (c.targetScore !== null) parts.push(`score ${c.targetScore}`);
  if (c.targetRank !== null) parts.push(`#${c.targetRank}`);
  return parts.join(' · ');
}

export function clusterProblem(c: ClusterSummaryDto): boolean {
  return c.targets.length !== 1 || c.missing > 0;
}

export function clusterNode(folderUri: string, c: ClusterSummaryDto, parentId: string): TreeNode {
  return {
    id: `${parentId}/cluster:${c.id}`,
    parentId,
    kind: 'cluster',
    label: c.name,
    description: clusterDescription(c),
    tooltip: `Cluster ${c.name} (id: ${c.id})${c.inferred ? '\nSuggested: inferred from folders or taxonomy; adopt it to write cluster:/role: frontmatter.' : ''}`,
    icon: { id: c.inferred ? 'sparkle' : 'type-hierarchy', ...(clusterProblem(c) && !c.inferred ? { color: WARNING } : {}) },
    contextValue: c.inferred ? 'cluster suggested' : 'cluster',
    collapsible: 'collapsed',
    folderUri,
    cluster: c,
  };
}

/** A cluster's children: its target (or a warning node), then its support pages grouped by role. */
export function clusterChildren(node: TreeNode): TreeNode[] {
  const c = node.cluster!;
  const out: TreeNode[] = [];
  if (c.targets.length === 1) {
    out.push(pageNode(node.folderUri, c.targets[0]!, node.id, c.inferred));
  } else {
    const id = `${node.id}/targets`;
    const children = c.targets.map((t) => pageNode(node.folderUri, t, id, c.inferred));
    out.push({
      id,
      parentId: node.id,
      kind: 'targets-warning',
      label: c.targets.length === 0 ? 'No target' : `${c.targets.length} targets`,
      tooltip: c.targets.length === 0
        ? 'The cluster has no target page: set `role: target` (or tool, service, pillar) on the page the others support.'
        : 'A cluster has one target page; keep one and give the others a support role.',
      icon: { id: 'warning', ...(c.inferred ? {} : { color: WARNING }) },
      contextValue: 'targetsWarning',
      collapsible: children.length > 0 ? 'expanded' : 'none',
      folderUri: node.folderUri,
      children,
    });
  }
  for (const r of c.roles) {
    out.push({
      id: `${node.id}/role:${r.role}`,
      parentId: node.id,
      kind: 'group',
      label: ROLE_GROUPS[r.role] ?? r.role,
      description: String(r.count),
      icon: { id: ROLE_ICONS[r.role] ?? 'file' },
      contextValue: 'roleGroup',
      // Expanded, so opening a cluster shows its pages at once.
      collapsible: 'expanded',
      folderUri: node.folderUri,
      group: { kind: 'cluster', clusterId: c.id, role: r.role },
      suggested: c.inferred,
    });
  }
  return out;
}

/** The top level of one folder: declared clusters, then suggested clusters, unclustered pages and orphans. */
export function folderChildren(f: FolderOverviewDto, parentId: string): TreeNode[] {
  const declared = f.clusters.filter((c) => !c.inferred).map((c) => clusterNode(f.uri, c, parentId));
  const out = [...declared];
  const suggested = f.clusters.filter((c) => c.inferred);
  if (suggested.length > 0) {
    const id = `${parentId}/suggested`;
    out.push({
      id,
      parentId,
      kind: 'group',
      label: 'Suggested clusters',
      description: String(suggested.length),
      tooltip: 'Clusters inferred from folders or taxonomy (pillarlink.clustersInfer). They raise no warnings until adopted.',
      icon: { id: 'sparkle' },
      contextValue: 'suggestedGroup',
      collapsible: 'collapsed',
      folderUri: f.uri,
      children: suggested.map((c) => clusterNode(f.uri, c, id)),
    });
  }
  if (f.unclustered > 0) {
    out.push({ id: `${parentId}/unclustered`, parentId, kind: 'group', label: 'Unclustered pages', description: String(f.unclustered), icon: { id: 'circle-slash' }, contextValue: 'pageGroup', collapsible: 'collapsed', folderUri: f.uri, group: { kind: 'unclustered' } });
  }
  if (f.orphans > 0) {
    out.push({ id: `${parentId}/orphans`, parentId, kind: 'group', label: 'Orphans', description: String(f.orphans), tooltip: 'Pages no other indexed page links to.', icon: { id: 'warning', color: WARNING }, contextValue: 'pageGroup', collapsible: 'collapsed', folderUri: f.uri, group: { kind: 'orphans' } });
  }
  return out;
}

export function isFilterActive(filter: TreeFilter): boolean {
  return !!filter.query?.trim() || !!filter.onlyProblems;
}

/**
 * The root of the tree. One folder: its children directly; several: a node per folder.
 * Empty (so the welcome view shows) when no folder has a cluster and no filter is active.
 */
export function rootNodes(folders: FolderOverviewDto[], filter: TreeFilter = {}): TreeNode[] {
  const anything = folders.some((f) => f.clusters.length > 0);
  if (!anything) {
    if (!isFilterActive(filter)) return [];
    return [{ id: 'message:no-match', parentId: undefined, kind: 'message', label: 'No pages match the filter', icon: { id: 'filter' }, contextValue: 'message', collapsible: 'none', folderUri: '' }];
  }
  if (folders.length === 1) return folderChildren(folders[0]!, `folder:${folders[0]!.uri}`);
  return folders.map((f) => {
    const id = `folder:${f.uri}`;
    return {
      id,
      parentId: undefined,
      kind: 'folder' as const,
      label: f.name,
      description: `${plural(f.pages, 'page')} · ${plural(f.clusters.length, 'cluster')}`,
      icon: { id: 'root-folder' },
      contextValue: 'folder',
      collapsible: 'expanded' as const,
      folderUri: f.uri,
      children: folderChildren(f, id),
    };
  });
}

/** A page of a lazily loaded group, with a "Load more…" node when the server holds more. */
export function groupChildren(group: TreeNode, items: PageItemDto[], total: number): TreeNode[] {
  const out = items.map((p) => pageNode(group.folderUri, p, group.id, group.suggested));
  if (items.length < total) {
    out.push({
      id: `${group.id}/more`,
      parentId: group.id,
      kind: 'load-more',
      label: 'Load more…',
      description: `${items.length} of ${total} shown`,
      icon: { id: 'ellipsis' },
      contextValue: 'loadMore',
      collapsible: 'none',
      folderUri: group.folderUri,
      ...(group.group ? { group: group.group } : {}),
    });
  }
  return out;
}

/** Human summary of the active filter, for the view's description. */
export function filterDescription(filter: TreeFilter): string {
  const parts: string[] = [];
  if (filter.query?.trim()) parts.push(`"${filter.query.trim()}"`);
  if (filter.onlyProblems) parts.push('problems only');
  return parts.join(' · ');
}
