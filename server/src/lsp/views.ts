import type { Connection } from 'vscode-languageserver/node';
import type { ClusterDto, ClusterMemberDto, ClusterSummaryDto, FolderOverviewDto, PageGroupDto, PageInfoDto, PageItemDto, PageLinkDto, PageLinksDto, WorkspaceEditDto } from '../../../shared/src/dto';
import {
  Methods,
  type AdoptClusterParams,
  type AssignClusterParams,
  type EditResult,
  type GroupPagesParams,
  type GroupPagesResult,
  type MakeTargetParams,
  type OverviewParams,
  type OverviewResult,
  type PageLinksParams,
  type PageLinksResult,
  type TreeFilter,
} from '../../../shared/src/protocol';
import { isTargetRole, SUPPORT_ROLES, TARGET_ROLES, type ClusterMember } from '../core/clusters';
import type { ResolvedLink, SiteModel } from '../core/model';
import { explainResolution } from '../core/routing/resolver';
import { computeLineStarts, spanToRange, stripBom } from '../core/positions';
import { setFrontmatterValues } from './frontmatterEdit';
import { scoreInfo } from './scoreInfo';
import type { Folder, Session } from './session';

function memberDto(session: Session, folder: Folder, m: ClusterMember): ClusterMemberDto {
  const model = folder.project.model();
  return {
    uri: session.uriFor(folder, m.file),
    file: m.file,
    title: model.titleOf(m.file),
    role: m.role,
    linksToTarget: m.linksToTarget,
    linksToTargetOnlyFromBoilerplate: m.linksToTargetOnlyFromBoilerplate,
    inbound: (model.inbound.get(m.file) ?? []).filter((l) => l.from !== m.file).length,
    ...scoreFields(model, m.file),
  };
}

/** Link score and Search Console totals of a page, as the DTOs carry them (null for no page). */
function scoreFields(model: SiteModel, file: string | null): { linkScore: number | null; impressions: number | null; clicks: number | null } {
  const info = file === null ? undefined : scoreInfo(model, file);
  return { linkScore: info?.score ?? null, impressions: info?.impressions ?? null, clicks: info?.clicks ?? null };
}

/** A cluster's single target: its link score and its place among the site's pages. */
function targetStanding(model: SiteModel, targets: readonly string[]): { targetScore: number | null; targetRank: number | null } {
  const info = targets.length === 1 ? scoreInfo(model, targets[0]!) : undefined;
  return { targetScore: info?.score ?? null, targetRank: info?.rank ?? null };
}

export function clusterDtos(session: Session, folder: Folder): ClusterDto[] {
  const model = folder.project.model();
  return model.clusters.map((c) => ({
    id: c.id,
    name: c.name,
    inferred: c.inferred,
    targets: c.targetMembers.map((m) => memberDto(session, folder, m)),
    members: c.members.map((m) => memberDto(session, folder, m)),
  }));
}

export function pageInfo(session: Session, folder: Folder, file: string): PageInfoDto | null {
  const model = folder.project.model();
  if (!model.pages.has(file)) return null;
  const c = model.clusterOf(file);
  const info: PageInfoDto = {
    uri: session.uriFor(folder, file),
    file,
    title: model.titleOf(file),
    url: model.urlOf(file) ?? null,
    cluster: c ? { id: c.cluster.id, name: c.cluster.name } : null,
    role: c?.member.role ?? null,
    isTarget: c?.isTarget ?? false,
    inbound: (model.inbound.get(file) ?? []).filter((l) => l.from !== file).length,
    outbound: (model.outbound.get(file) ?? []).filter((l) => l.res.kind === 'page' && !l.link.image).length,
    linksToTarget: c && !c.isTarget ? c.member.linksToTarget : null,
    supportCount: 0,
    supportLinkingUp: 0,
    missing: [],
    targets: c ? c.cluster.targets.map((t) => ({ uri: session.uriFor(folder, t), title: model.titleOf(t) })) : [],
  };
  if (c?.isTarget) {
    info.supportCount = c.cluster.members.length;
    info.supportLinkingUp = c.cluster.members.filter((m) => m.linksToTarget).length;
    info.missing = c.cluster.members.filter((m) => !m.linksToTarget).map((m) => ({ uri: session.uriFor(folder, m.file), title: model.titleOf(m.file) }));
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Clusters view, Links view and the frontmatter edits behind their context actions.

const ROLE_ORDER: readonly string[] = [...TARGET_ROLES, ...SUPPORT_ROLES];
/** The Clusters view's order of support groups: specific roles first, plain support last. */
const SUPPORT_GROUP_ORDER: readonly string[] = [...SUPPORT_ROLES.filter((r) => r !== 'support'), 'support'];

/** Pages no other indexed page links to (the orphan-page rule's definition). */
function isOrphan(model: SiteModel, file: string): boolean {
  if (model.entryPages.has(file) || model.isUnindexed(file)) return false;
  return !(model.inbound.get(file) ?? []).some((l) => l.from !== file && !model.isUnindexed(l.from));
}

function hrefOf(model: SiteModel, url: string | null): string | null {
  if (url === null) return null;
  const base = model.config.site.baseUrl?.replace(/\/+$/, '');
  return base ? `${base}${url}` : url;
}

export function pageItem(session: Session, folder: Folder, file: string): PageItemDto {
  const model = folder.project.model();
  const c = model.clusterOf(file);
  const url = model.urlOf(file) ?? null;
  let linkUp: PageItemDto['linkUp'] = null;
  if (c && !c.isTarget && c.cluster.targets.length > 0) {
    linkUp = c.member.linksToTarget ? 'content' : c.member.linksToTargetOnlyFromBoilerplate ? 'boilerplate' : 'none';
  }
  return {
    uri: session.uriFor(folder, file),
    file,
    title: model.titleOf(file),
    role: c?.member.role ?? null,
    url,
    href: hrefOf(model, url),
    inbound: (model.inbound.get(file) ?? []).filter((l) => l.from !== file).length,
    linkUp,
    orphan: isOrphan(model, file),
    ...scoreFields(model, file),
  };
}

function matchesQuery(query: string, ...texts: string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || texts.some((t) => t.toLowerCase().includes(q));
}

/** Suggested (inferred) clusters raise no warnings, so their missing links are not problems. */
function isProblem(p: PageItemDto, inferred = false): boolean {
  return p.orphan || (!inferred && p.linkUp !== null && p.linkUp !== 'content');
}

/** The pages of a group, filtered and sorted by title. */
function groupFiles(session: Session, folder: Folder, group: PageGroupDto, filter: TreeFilter = {}): PageItemDto[] {
  const model = folder.project.model();
  let files: string[];
  let clusterText: string[] = [];
  let inferred = false;
  if (group.kind === 'cluster') {
    const c = model.clusters.find((x) => x.id === group.clusterId);
    if (!c) return [];
    const pool = isTargetRole(group.role) ? c.targetMembers : c.members;
    files = pool.filter((m) => m.role === group.role).map((m) => m.file);
    clusterText = [c.id, c.name];
    inferred = c.inferred;
  } else if (group.kind === 'unclustered') {
    files = [...model.pages.keys()].filter((f) => !model.clusterOf(f));
  } else {
    files = [...model.pages.keys()].filter((f) => isOrphan(model, f));
  }
  return files
    .map((f) => pageItem(session, folder, f))
    .filter((p) => (!filter.query || matchesQuery(filter.query, p.title, p.file, ...clusterText)) && (!filter.onlyProblems || isProblem(p, inferred)))
    .sort((a, b) => a.title.localeCompare(b.title) || a.file.localeCompare(b.file));
}

export function groupPages(session: Session, folder: Folder, params: GroupPagesParams): GroupPagesResult {
  const all = groupFiles(session, folder, params.group, params.filter);
  const offset = Math.max(0, params.offset ?? 0);
  const limit = Math.max(1, params.limit ?? 200);
  return { items: all.slice(offset, offset + limit), total: all.length };
}

export function overview(session: Session, folder: Folder, filter: TreeFilter = {}): FolderOverviewDto {
  const model = folder.project.model();
  const clusters: ClusterSummaryDto[] = [];
  for (const c of model.clusters) {
    const support = SUPPORT_GROUP_ORDER.flatMap((role) => groupFiles(session, folder, { kind: 'cluster', clusterId: c.id, role }, filter));
    const targets = c.targetMembers.map((m) => pageItem(session, folder, m.file));
    const clusterProblem = (!c.inferred && c.targets.length !== 1) || support.some((p) => isProblem(p, c.inferred));
    const nameMatches = !filter.query || matchesQuery(filter.query, c.id, c.name, ...targets.flatMap((t) => [t.title, t.file]));
    if (filter.onlyProblems && !clusterProblem) continue;
    if (!nameMatches && support.length === 0) continue;
    const roles = SUPPORT_GROUP_ORDER.map((role) => ({ role, count: support.filter((p) => p.role === role).length })).filter((r) => r.count > 0);
    clusters.push({
      id: c.id,
      name: c.name,
      inferred: c.inferred,
      targets,
      roles,
      supportCount: support.length,
      missing: c.targets.length === 0 ? 0 : support.filter((p) => p.linkUp !== 'content').length,
      ...targetStanding(model, c.targets),
    });
  }
  return {
    uri: folder.uri,
    name: folder.name,
    pages: model.pages.size,
    clusters,
    unclustered: groupFiles(session, folder, { kind: 'unclustered' }, filter).length,
    orphans: groupFiles(session, folder, { kind: 'orphans' }, filter).length,
  };
}

function linkDto(session: Session, folder: Folder, rl: ResolvedLink, inbound: boolean): PageLinkDto {
  const model = folder.project.model();
  const src = model.pages.get(rl.from)!;
  const dest = rl.res.kind === 'page' || rl.res.kind === 'asset' ? rl.res.file : null;
  // The page at the other end of the link: who sends an inbound link, where an outbound one goes.
  const other = inbound ? rl.from : rl.res.kind === 'page' ? rl.res.file : null;
  const destUrl = rl.res.kind === 'page' ? model.urlOf(rl.res.file) ?? null : rl.res.kind === 'external' ? rl.res.url : null;
  return {
    text: rl.link.text,
    url: rl.link.url,
    placement: rl.link.placement,
    contextual: rl.link.placement === 'content',
    sourceUri: session.uriFor(folder, rl.from),
    sourceTitle: model.titleOf(rl.from),
    range: spanToRange(src.lineStarts, src.length, rl.link.span),
    kind: rl.res.kind,
    destUri: dest !== null ? session.uriFor(folder, dest) : rl.res.kind === 'external' ? rl.res.url : null,
    destTitle: rl.res.kind === 'page' ? model.titleOf(rl.res.file) : null,
    destUrl,
    destRole: rl.res.kind === 'page' ? model.clusterOf(rl.res.file)?.member.role ?? null : null,
    broken: rl.res.kind === 'broken' || (rl.res.kind === 'page' && rl.res.fragmentFound === false),
    explanation: explainResolution(rl.res),
    ...scoreFields(model, other),
  };
}

export function pageLinks(session: Session, folder: Folder, file: string): PageLinksDto | null {
  const model = folder.project.model();
  if (!model.pages.has(file)) return null;
  const byPosition = (a: ResolvedLink, b: ResolvedLink) => a.from.localeCompare(b.from) || a.link.span.start - b.link.span.start;
  return {
    uri: session.uriFor(folder, file),
    title: model.titleOf(file),
    inbound: [...(model.inbound.get(file) ?? [])].filter((l) => l.from !== file).sort(byPosition).map((l) => linkDto(session, folder, l, true)),
    // Images are assets, not links a reader follows; they are listed only when broken.
    outbound: (model.outbound.get(file) ?? []).filter((l) => !l.link.image || l.res.kind === 'broken').map((l) => linkDto(session, folder, l, false)),
  };
}

async function textOf(folder: Folder, file: string): Promise<string | undefined> {
  const t = folder.project.openText(file) ?? (await folder.project.workspace.readFile(file));
  return t === undefined ? undefined : stripBom(t);
}

/** Edits setting frontmatter keys on several pages, as one workspace edit. */
async function frontmatterEdit(session: Session, folder: Folder, perFile: Map<string, [string, string][]>): Promise<EditResult> {
  const changes: WorkspaceEditDto['changes'] = {};
  for (const [file, entries] of perFile) {
    const text = await textOf(folder, file);
    if (text === undefined) return { edit: null, error: `Cannot read ${file}.` };
    const r = setFrontmatterValues(text, entries);
    if ('error' in r) return { edit: null, error: `${file}: ${r.error}` };
    const starts = computeLineStarts(text);
    changes[session.uriFor(folder, file)] = r.edits.map((e) => ({ range: spanToRange(starts, text.length, e), newText: e.newText }));
  }
  return { edit: { changes } };
}

export async function adoptCluster(session: Session, folder: Folder, clusterId: string): Promise<EditResult> {
  const model = folder.project.model();
  const c = model.clusters.find((x) => x.id === clusterId);
  if (!c) return { edit: null, error: `No cluster "${clusterId}" in ${folder.name}.` };
  const keys = model.config.frontmatter;
  const perFile = new Map<string, [string, string][]>();
  for (const m of [...c.targetMembers, ...c.members]) {
    // Only what is not declared yet is written; declared values stay as they are.
    const declared = model.roles.get(m.file);
    const entries: [string, string][] = [];
    if (declared?.source !== 'frontmatter' || declared.cluster === undefined) entries.push([keys.cluster, c.id]);
    if (declared?.source !== 'frontmatter' || declared.role === undefined) entries.push([keys.role, m.role]);
    if (entries.length > 0) perFile.set(m.file, entries);
  }
  return frontmatterEdit(session, folder, perFile);
}

export async function makeTarget(session: Session, folder: Folder, file: string): Promise<EditResult> {
  const model = folder.project.model();
  if (!model.pages.has(file)) return { edit: null, error: `${file} is not a page Pillarlink indexes.` };
  const c = model.clusterOf(file);
  if (!c) return { edit: null, error: `${file} belongs to no cluster; assign it to a cluster first.` };
  const entries: [string, string][] = [[model.config.frontmatter.role, 'target']];
  // A suggested cluster exists only while inference runs; writing its id makes the membership explicit.
  if (c.member.source === 'inferred') entries.unshift([model.config.frontmatter.cluster, c.cluster.id]);
  return frontmatterEdit(session, folder, new Map([[file, entries]]));
}

export async function assignCluster(session: Session, folder: Folder, file: string, cluster: string, role?: string): Promise<EditResult> {
  const model = folder.project.model();
  if (!model.pages.has(file)) return { edit: null, error: `${file} is not a page Pillarlink indexes.` };
  if (cluster.trim() === '') return { edit: null, error: 'The cluster id is empty.' };
  if (role !== undefined && !ROLE_ORDER.includes(role)) return { edit: null, error: `Unknown role "${role}"; expected one of ${ROLE_ORDER.join(', ')}.` };
  const entries: [string, string][] = [[model.config.frontmatter.cluster, cluster.trim()]];
  if (role !== undefined) entries.push([model.config.frontmatter.role, role]);
  return frontmatterEdit(session, folder, new Map([[file, entries]]));
}

/** Registers the view requests on the connection. Every handler waits for its folder's index. */
export function registerViews(connection: Connection, session: Session): void {
  const folderOf = (uri: string) => session.folders.find((f) => f.uri === uri);
  const guarded = <P, R>(method: string, fallback: R, fn: (p: P) => Promise<R>) => connection.onRequest(method, async (p: P) => {
    try {
      return await fn(p);
    } catch (e) {
      session.error(`${method} failed: ${e instanceof Error ? e.stack : String(e)}`);
      return fallback;
    }
  });
  guarded<OverviewParams, OverviewResult>(Methods.overview, { folders: [] }, async (p) => {
    const folders = session.folders.filter((f) => !p?.folderUri || f.uri === p.folderUri);
    await Promise.all(folders.map((f) => f.ready));
    return { folders: folders.map((f) => overview(session, f, p?.filter)) };
  });
  guarded<GroupPagesParams, GroupPagesResult>(Methods.groupPages, { items: [], total: 0 }, async (p) => {
    const f = folderOf(p.folderUri);
    if (!f) return { items: [], total: 0 };
    await f.ready;
    return groupPages(session, f, p);
  });
  guarded<PageLinksParams, PageLinksResult>(Methods.pageLinks, null, async (p) => {
    const f = session.fileOf(p.uri);
    if (!f) return null;
    await f.folder.ready;
    return pageLinks(session, f.folder, f.file);
  });
  const failed: EditResult = { edit: null, error: 'The request failed; see the Pillarlink output.' };
  guarded<AdoptClusterParams, EditResult>(Methods.adoptCluster, failed, async (p) => {
    const f = folderOf(p.folderUri);
    if (!f) return { edit: null, error: `${p.folderUri} is not a workspace folder.` };
    await f.ready;
    return adoptCluster(session, f, p.clusterId);
  });
  guarded<MakeTargetParams, EditResult>(Methods.makeTarget, failed, async (p) => {
    const f = session.fileOf(p.uri);
    if (!f) return { edit: null, error: `${p.uri} is outside the workspace folders.` };
    await f.folder.ready;
    return makeTarget(session, f.folder, f.file);
  });
  guarded<AssignClusterParams, EditResult>(Methods.assignCluster, failed, async (p) => {
    const f = session.fileOf(p.uri);
    if (!f) return { edit: null, error: `${p.uri} is outside the workspace folders.` };
    await f.folder.ready;
    return assignCluster(session, f.folder, f.file, p.cluster, p.role);
  });
}
