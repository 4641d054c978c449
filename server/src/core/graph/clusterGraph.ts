// The link graph as pictures show it: one cluster (target in the middle, its support pages around),
// or the whole site aggregated to one node per cluster. Pure data; layout.ts places it,
// the HTML report and the editor's webview draw it.
import { linkScores } from '../score/stats';
import { isTargetRole, SUPPORT_ROLES, TARGET_ROLES, type Cluster } from '../clusters';
import type { SiteModel } from '../model';

export interface GraphNode {
  /** A page's file in the cluster view; `cluster:<id>`, `unclustered` or `orphans` in the site view. */
  id: string;
  kind: 'page' | 'cluster' | 'group';
  label: string;
  file?: string;
  clusterId?: string;
  /** The page's role (`target`, `tutorial`, …); null for pages outside clusters and for aggregates. */
  role: string | null;
  isTarget: boolean;
  /** Distinct other pages linking here (any placement). Aggregates: links from outside the group. */
  inbound: number;
  /** Distinct other pages linking here from body text. */
  contentInbound: number;
  /** Distinct other pages this one links to. */
  outbound: number;
  /** Support pages: how they link up to the target; null elsewhere. */
  linkUp: 'content' | 'boilerplate' | 'none' | null;
  orphan: boolean;
  /** Pages: the link score (0–100, internal PageRank); sizes the node. */
  linkScore?: number;
  /** Aggregates: how many pages the node stands for. */
  pages?: number;
  /** Aggregates: support pages without a contextual link up (declared clusters only). */
  missing?: number;
  inferred?: boolean;
}

/**
 * `content`: a contextual link in the body; `boilerplate`: only from related lists, navigation or headings;
 * `missing`: a support page that should link up to its target and does not.
 */
export type GraphEdgeKind = 'content' | 'boilerplate' | 'missing';

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** Distinct page pairs behind the edge (1 in the cluster view). */
  weight: number;
}

export interface GraphData {
  scope: 'cluster' | 'site';
  /** The cluster id, or '' for the site. */
  id: string;
  title: string;
  inferred: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const ROLE_ORDER: readonly string[] = [...TARGET_ROLES, ...SUPPORT_ROLES];

export function roleRank(role: string | null): number {
  const i = role === null ? -1 : ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
}

/** Distinct other pages that link to `file`, split by placement. */
export function inboundCounts(model: SiteModel, file: string): { inbound: number; contentInbound: number } {
  const any = new Set<string>();
  const content = new Set<string>();
  for (const l of model.inbound.get(file) ?? []) {
    if (l.from === file) continue;
    any.add(l.from);
    if (l.link.placement === 'content') content.add(l.from);
  }
  return { inbound: any.size, contentInbound: content.size };
}

function outboundCount(model: SiteModel, file: string): number {
  const to = new Set<string>();
  for (const l of model.outbound.get(file) ?? []) if (l.res.kind === 'page' && !l.link.image && l.res.file !== file) to.add(l.res.file);
  return to.size;
}

/** Pages no other indexed page links to (the orphan-page rule's definition). */
export function isOrphan(model: SiteModel, file: string): boolean {
  if (model.entryPages.has(file) || model.isUnindexed(file)) return false;
  return !(model.inbound.get(file) ?? []).some((l) => l.from !== file && !model.isUnindexed(l.from));
}

/** Missing upward links are warnings only in declared clusters (or when inferred warnings are on). */
export function warnsAbout(model: SiteModel, cluster: Cluster): boolean {
  return !cluster.inferred || model.config.inferredWarnings;
}

/** One cluster: its targets and support pages, the links among them, and the missing upward links. */
export function clusterGraph(model: SiteModel, cluster: Cluster): GraphData {
  const nodes: GraphNode[] = [];
  const members = [...cluster.targetMembers, ...cluster.members];
  const inCluster = new Set(members.map((m) => m.file));
  const scores = linkScores(model);
  for (const m of members) {
    const isTarget = isTargetRole(m.role) && cluster.targets.includes(m.file);
    const linkUp = isTarget || cluster.targets.length === 0 ? null : m.linksToTarget ? 'content' : m.linksToTargetOnlyFromBoilerplate ? 'boilerplate' : 'none';
    nodes.push({
      id: m.file,
      kind: 'page',
      label: model.titleOf(m.file),
      file: m.file,
      clusterId: cluster.id,
      role: m.role,
      isTarget,
      ...inboundCounts(model, m.file),
      outbound: outboundCount(model, m.file),
      linkUp,
      orphan: isOrphan(model, m.file),
      ...(scores.has(m.file) ? { linkScore: scores.get(m.file)!.score0to100 } : {}),
    });
  }
  nodes.sort((a, b) => Number(b.isTarget) - Number(a.isTarget) || roleRank(a.role) - roleRank(b.role) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));

  const pairs = new Map<string, GraphEdge>();
  for (const from of inCluster) {
    for (const l of model.outbound.get(from) ?? []) {
      if (l.res.kind !== 'page' || l.link.image || l.res.file === from || !inCluster.has(l.res.file)) continue;
      const key = `${from}\n${l.res.file}`;
      const kind: GraphEdgeKind = l.link.placement === 'content' ? 'content' : 'boilerplate';
      const e = pairs.get(key);
      if (!e) pairs.set(key, { from, to: l.res.file, kind, weight: 1 });
      else if (kind === 'content') e.kind = 'content';
    }
  }
  if (warnsAbout(model, cluster)) {
    for (const m of cluster.members) {
      if (m.linksToTarget) continue;
      for (const t of cluster.targets) {
        // A related-list link up is not enough: it is drawn as the missing contextual link.
        pairs.set(`${m.file}\n${t}`, { from: m.file, to: t, kind: 'missing', weight: 1 });
      }
    }
  }
  const edges = [...pairs.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { scope: 'cluster', id: cluster.id, title: cluster.name, inferred: cluster.inferred, nodes, edges };
}

export const UNCLUSTERED = 'unclustered';
export const ORPHANS = 'orphans';

/**
 * The whole site with one node per cluster, one for the other pages and one for the orphans, so the
 * picture stays readable and interactive at thousands of pages. Edges count page pairs between groups.
 */
export function siteGraph(model: SiteModel): GraphData {
  const groupOf = new Map<string, string>();
  const nodes = new Map<string, GraphNode>();
  for (const c of model.clusters) {
    const files = [...c.targets, ...c.members.map((m) => m.file)];
    for (const f of files) groupOf.set(f, `cluster:${c.id}`);
    nodes.set(`cluster:${c.id}`, {
      id: `cluster:${c.id}`, kind: 'cluster', label: c.name, clusterId: c.id, role: null, isTarget: false,
      inbound: 0, contentInbound: 0, outbound: 0, linkUp: null, orphan: false, pages: files.length,
      missing: warnsAbout(model, c) && c.targets.length > 0 ? c.members.filter((m) => !m.linksToTarget).length : 0,
      inferred: c.inferred,
    });
  }
  const rest = { [UNCLUSTERED]: 0, [ORPHANS]: 0 };
  for (const file of model.pages.keys()) {
    if (groupOf.has(file)) continue;
    const g = isOrphan(model, file) ? ORPHANS : UNCLUSTERED;
    groupOf.set(file, g);
    rest[g]++;
  }
  if (rest[UNCLUSTERED] > 0) nodes.set(UNCLUSTERED, { id: UNCLUSTERED, kind: 'group', label: 'Other pages', role: null, isTarget: false, inbound: 0, contentInbound: 0, outbound: 0, linkUp: null, orphan: false, pages: rest[UNCLUSTERED] });
  if (rest[ORPHANS] > 0) nodes.set(ORPHANS, { id: ORPHANS, kind: 'group', label: 'Orphans', role: null, isTarget: false, inbound: 0, contentInbound: 0, outbound: 0, linkUp: null, orphan: true, pages: rest[ORPHANS] });

  const pairs = new Map<string, GraphEdge>();
  const seen = new Set<string>();
  const inboundFrom = new Map<string, Set<string>>();
  const contentFrom = new Map<string, Set<string>>();
  for (const [from, links] of model.outbound) {
    const gFrom = groupOf.get(from);
    if (gFrom === undefined) continue;
    for (const l of links) {
      if (l.res.kind !== 'page' || l.link.image || l.res.file === from) continue;
      const gTo = groupOf.get(l.res.file);
      if (gTo === undefined || gTo === gFrom) continue;
      const content = l.link.placement === 'content';
      if (!inboundFrom.has(gTo)) { inboundFrom.set(gTo, new Set()); contentFrom.set(gTo, new Set()); }
      inboundFrom.get(gTo)!.add(from);
      if (content) contentFrom.get(gTo)!.add(from);
      const pageKey = `${from}\n${l.res.file}`;
      const key = `${gFrom}\n${gTo}`;
      let e = pairs.get(key);
      if (!e) pairs.set(key, (e = { from: gFrom, to: gTo, kind: content ? 'content' : 'boilerplate', weight: 0 }));
      else if (content) e.kind = 'content';
      if (!seen.has(pageKey)) { seen.add(pageKey); e.weight++; }
    }
  }
  for (const n of nodes.values()) {
    n.inbound = inboundFrom.get(n.id)?.size ?? 0;
    n.contentInbound = contentFrom.get(n.id)?.size ?? 0;
  }
  for (const e of pairs.values()) nodes.get(e.from)!.outbound += e.weight;
  const order = (n: GraphNode) => (n.kind === 'cluster' ? 0 : n.id === UNCLUSTERED ? 1 : 2);
  const sorted = [...nodes.values()].sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  const edges = [...pairs.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { scope: 'site', id: '', title: 'Site', inferred: false, nodes: sorted, edges };
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** What a node's tooltip says, in the report and in the webview alike (the title is shown apart). */
export function nodeDetails(n: GraphNode): string[] {
  if (n.kind !== 'page') {
    const lines = [plural(n.pages ?? 0, 'page'), `Inbound from other groups: ${n.inbound} pages (${n.contentInbound} from body text)`];
    if (n.missing) lines.push(`${plural(n.missing, 'support page')} without a link up`);
    return lines;
  }
  const lines = [`${n.isTarget ? 'Target' : 'Role'}: ${n.role ?? 'none'}`, `Inbound: ${n.inbound} pages (${n.contentInbound} from body text)`, `Outbound: ${n.outbound} pages`];
  if (n.linkScore !== undefined) lines.push(`Link score: ${Math.round(n.linkScore)}/100`);
  if (n.linkUp === 'none') lines.push('No contextual link up to the target');
  if (n.linkUp === 'boilerplate') lines.push('Links up only from a related list or navigation');
  if (n.orphan) lines.push('Orphan: no other page links here');
  if (n.file) lines.push(n.file);
  return lines;
}
