// The Clusters view's data shaping (client/src/tree/shape.ts): pure functions over the server's DTOs.
import { describe, expect, it } from 'vitest';
import type { ClusterSummaryDto, FolderOverviewDto, PageItemDto } from '../../shared/src/dto';
import {
  clusterChildren,
  clusterDescription,
  clusterNode,
  filterDescription,
  folderChildren,
  groupChildren,
  pageDescription,
  pageNode,
  ROLE_ICONS,
  rootNodes,
  type TreeNode,
} from '../../client/src/tree/shape';

const F = 'file:///ws';

function page(file: string, over: Partial<PageItemDto> = {}): PageItemDto {
  const title = file.replace(/^.*\//, '').replace(/\.mdx?$/, '');
  return { uri: `${F}/${file}`, file, title, role: 'support', url: `/${title}/`, href: `https://example.com/${title}/`, inbound: 1, linkUp: 'content', orphan: false, linkScore: null, impressions: null, clicks: null, ...over };
}

function cluster(over: Partial<ClusterSummaryDto> = {}): ClusterSummaryDto {
  return {
    id: 'seo',
    name: 'SEO',
    inferred: false,
    targets: [page('content/seo.md', { role: 'target', linkUp: null, inbound: 4 })],
    roles: [{ role: 'tutorial', count: 2 }, { role: 'faq', count: 1 }],
    supportCount: 3,
    missing: 1,
    targetScore: null,
    targetRank: null,
    ...over,
  };
}

function folder(over: Partial<FolderOverviewDto> = {}): FolderOverviewDto {
  return { uri: F, name: 'ws', pages: 10, clusters: [cluster()], unclustered: 2, orphans: 1, ...over };
}

const labels = (nodes: TreeNode[]) => nodes.map((n) => n.label);

describe('page items', () => {
  it('describe the link up and the inbound count', () => {
    expect(pageDescription(page('a.md', { linkUp: 'content', inbound: 3 }))).toBe('links up ✓ · 3 inbound');
    expect(pageDescription(page('a.md', { linkUp: 'none', inbound: 0 }))).toBe('no link to target · 0 inbound');
    expect(pageDescription(page('a.md', { linkUp: 'boilerplate', inbound: 2 }))).toBe('boilerplate only · 2 inbound');
    expect(pageDescription(page('a.md', { role: 'target', linkUp: null, inbound: 7 }))).toBe('7 inbound');
    expect(pageDescription(page('a.md', { role: null, linkUp: null, inbound: 0, orphan: true }))).toBe('0 inbound · orphan');
  });

  it('take their icon from the role and turn warning-coloured on problems only', () => {
    const ok = pageNode(F, page('a.md', { role: 'tutorial' }), 'p');
    expect(ok.icon).toEqual({ id: 'mortar-board' });
    const missing = pageNode(F, page('a.md', { role: 'comparison', linkUp: 'none' }), 'p');
    expect(missing.icon).toEqual({ id: 'arrow-swap', color: 'list.warningForeground' });
    const orphanTarget = pageNode(F, page('a.md', { role: 'service', linkUp: null, orphan: true }), 'p');
    expect(orphanTarget.icon).toEqual({ id: 'briefcase', color: 'list.warningForeground' });
    expect(pageNode(F, page('a.md', { role: null, linkUp: null }), 'p').icon?.id).toBe('file');
    for (const [role, icon] of Object.entries({ target: 'target', tool: 'tools', pillar: 'book', explainer: 'lightbulb', faq: 'question', 'case-study': 'graph', support: 'file' })) {
      expect(ROLE_ICONS[role]).toBe(icon);
    }
  });

  it('carry context tokens that drive the menus', () => {
    const tokens = (p: PageItemDto) => pageNode(F, p, 'p').contextValue.split(' ');
    expect(tokens(page('a.md', { linkUp: 'none' }))).toEqual(expect.arrayContaining(['page', 'clustered', 'support', 'missing', 'hasUrl']));
    expect(tokens(page('a.md', { linkUp: 'content' }))).not.toContain('missing');
    expect(tokens(page('a.md', { role: 'tool', linkUp: null }))).toEqual(expect.arrayContaining(['page', 'clustered', 'target']));
    expect(tokens(page('a.md', { role: 'tool', linkUp: null }))).not.toContain('support');
    const loose = tokens(page('a.md', { role: null, linkUp: null, href: null }));
    expect(loose).toEqual(['page']);
  });

  it('have ids unique per parent, so a page can sit in a cluster and in Orphans', () => {
    const p = page('a.md');
    expect(pageNode(F, p, 'x/cluster:seo/role:tutorial').id).not.toBe(pageNode(F, p, 'x/orphans').id);
    expect(pageNode(F, p, 'x').parentId).toBe('x');
  });
});

describe('cluster nodes', () => {
  it('summarise pages and missing links', () => {
    expect(clusterDescription(cluster())).toBe('4 pages · 1 missing link');
    expect(clusterDescription(cluster({ missing: 2 }))).toBe('4 pages · 2 missing links');
    expect(clusterDescription(cluster({ missing: 0 }))).toBe('4 pages');
    expect(clusterDescription(cluster({ targets: [], missing: 0 }))).toBe('3 pages · no target');
    expect(clusterDescription(cluster({ targets: [page('t1.md', { role: 'target' }), page('t2.md', { role: 'target' })], missing: 0 }))).toBe('5 pages · 2 targets');
  });

  it("show the target's link score and its place in the site", () => {
    expect(clusterDescription(cluster({ targetScore: 90, targetRank: 2 }))).toBe('4 pages · 1 missing link · score 90 · #2');
    expect(clusterDescription(cluster({ missing: 0, targetScore: 0, targetRank: 17 }))).toBe('4 pages · score 0 · #17');
    expect(clusterNode(F, cluster({ targetScore: 100, targetRank: 1 }), 'root').description).toBe('4 pages · 1 missing link · score 100 · #1');
    // Pages carry their own score; Search Console numbers go to the tooltip.
    const p = pageNode(F, page('a.md', { linkUp: 'none', inbound: 2, linkScore: 61, impressions: 8112, clicks: 198 }), 'p');
    expect(p.description).toBe('no link to target · 2 inbound · score 61');
    expect(p.tooltip).toContain('Link score 61 · 8,112 impressions · 198 clicks');
    expect(pageDescription(page('a.md', { role: null, linkUp: null, inbound: 0, orphan: true, linkScore: 0 }))).toBe('0 inbound · score 0 · orphan');
  });

  it('list the target, then support pages grouped by role, expanded', () => {
    const node = clusterNode(F, cluster(), 'root');
    const children = clusterChildren(node);
    expect(labels(children)).toEqual(['seo', 'Tutorials', 'FAQs']);
    expect(children[0]!.kind).toBe('page');
    expect(children[1]!.group).toEqual({ kind: 'cluster', clusterId: 'seo', role: 'tutorial' });
    expect(children[1]!.collapsible).toBe('expanded');
    expect(children.every((c) => c.parentId === node.id)).toBe(true);
  });

  it('show a warning node when the cluster has no target or several', () => {
    const none = clusterChildren(clusterNode(F, cluster({ targets: [] }), 'root'));
    expect(none[0]).toMatchObject({ kind: 'targets-warning', label: 'No target', collapsible: 'none', icon: { id: 'warning' } });
    const two = clusterChildren(clusterNode(F, cluster({ targets: [page('t1.md', { role: 'target' }), page('t2.md', { role: 'target' })] }), 'root'));
    expect(two[0]).toMatchObject({ kind: 'targets-warning', label: '2 targets', collapsible: 'expanded' });
    expect(labels(two[0]!.children!)).toEqual(['t1', 't2']);
    expect(two[0]!.children!.every((c) => c.parentId === two[0]!.id)).toBe(true);
  });

  it('mark suggested clusters for the Adopt action', () => {
    const n = clusterNode(F, cluster({ inferred: true }), 'root');
    expect(n.contextValue.split(' ')).toContain('suggested');
    expect(clusterNode(F, cluster(), 'root').contextValue.split(' ')).not.toContain('suggested');
  });
});

describe('folder level', () => {
  it('puts declared clusters first, then suggested clusters, unclustered pages and orphans', () => {
    const nodes = folderChildren(folder({ clusters: [cluster(), cluster({ id: 'content/recipes', name: 'content/recipes', inferred: true })] }), 'folder');
    expect(labels(nodes)).toEqual(['SEO', 'Suggested clusters', 'Unclustered pages', 'Orphans']);
    expect(labels(nodes[1]!.children!)).toEqual(['content/recipes']);
    expect(nodes[2]!.group).toEqual({ kind: 'unclustered' });
    expect(nodes[3]!.description).toBe('1');
  });

  it('omits empty groups', () => {
    expect(labels(folderChildren(folder({ unclustered: 0, orphans: 0 }), 'folder'))).toEqual(['SEO']);
  });

  it('is the root for one folder and groups by folder for several', () => {
    expect(labels(rootNodes([folder()]))).toEqual(['SEO', 'Unclustered pages', 'Orphans']);
    const multi = rootNodes([folder(), folder({ uri: 'file:///other', name: 'other', pages: 1, clusters: [cluster({ id: 'x', name: 'X' })] })]);
    expect(labels(multi)).toEqual(['ws', 'other']);
    expect(multi[0]!.description).toBe('10 pages · 1 cluster');
    expect(labels(multi[1]!.children!)).toEqual(['X', 'Unclustered pages', 'Orphans']);
    expect(multi[1]!.children![0]!.parentId).toBe(multi[1]!.id);
    expect(multi[0]!.children![0]!.id).not.toBe(multi[1]!.children![0]!.id);
  });

  it('is empty without clusters (the welcome view shows), unless a filter hides everything', () => {
    expect(rootNodes([folder({ clusters: [] })])).toEqual([]);
    const filtered = rootNodes([folder({ clusters: [] })], { query: 'zzz' });
    expect(labels(filtered)).toEqual(['No pages match the filter']);
  });
});

describe('paged groups', () => {
  const group: TreeNode = { id: 'g', parentId: undefined, kind: 'group', label: 'Unclustered pages', contextValue: 'pageGroup', collapsible: 'collapsed', folderUri: F, group: { kind: 'unclustered' } };

  it('end with "Load more…" while the server holds more pages', () => {
    const items = [page('a.md'), page('b.md')];
    const nodes = groupChildren(group, items, 450);
    expect(labels(nodes)).toEqual(['a', 'b', 'Load more…']);
    expect(nodes[2]).toMatchObject({ kind: 'load-more', description: '2 of 450 shown', parentId: 'g', group: { kind: 'unclustered' } });
    expect(labels(groupChildren(group, items, 2))).toEqual(['a', 'b']);
  });
});

describe('filter description', () => {
  it('names the query and the problems toggle', () => {
    expect(filterDescription({})).toBe('');
    expect(filterDescription({ query: ' seo ', onlyProblems: true })).toBe('"seo" · problems only');
  });
});

describe('suggested clusters', () => {
  it('raise no warnings: a missing link up is described but not warning-coloured', () => {
    const node = clusterNode(F, cluster({ inferred: true, targets: [] }), 'root');
    expect(node.icon?.color).toBeUndefined();
    const children = clusterChildren(node);
    expect(children[0]!.icon?.color).toBeUndefined();
    const group = children[1]!;
    expect(group.suggested).toBe(true);
    const [p] = groupChildren(group, [page('a.md', { linkUp: 'none' })], 1);
    expect(p!.description).toBe('no link to target · 1 inbound');
    expect(p!.icon?.color).toBeUndefined();
    expect(pageNode(F, page('a.md', { linkUp: 'none' }), 'p').icon?.color).toBe('list.warningForeground');
  });
});
