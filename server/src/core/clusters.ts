import picomatch from 'picomatch';
import type { Config } from './config';
import { getPath } from './config';
import { dirname, isUnder, stripExtension, basename } from './paths';
import type { Resolver } from './routing/resolver';
import type { PageFacts } from './types';

export const TARGET_ROLES = ['target', 'tool', 'service', 'pillar'] as const;
export const SUPPORT_ROLES = ['support', 'tutorial', 'explainer', 'comparison', 'faq', 'case-study'] as const;
export const ALL_ROLES: readonly string[] = [...TARGET_ROLES, ...SUPPORT_ROLES];

export function isTargetRole(role: string): boolean {
  return (TARGET_ROLES as readonly string[]).includes(role);
}

export interface ClusterMember {
  file: string;
  /** The declared role, or `support` when none or unknown. */
  role: string;
  /** The role as written, when it is not in the vocabulary. */
  unknownRole?: string;
  source: 'frontmatter' | 'config' | 'inferred';
  /** Has a `content`-placement link to a target of its cluster. */
  linksToTarget: boolean;
  /** Links to a target only from related/navigation/heading placements. */
  linksToTargetOnlyFromBoilerplate: boolean;
}

export interface Cluster {
  id: string;
  name: string;
  inferred: boolean;
  keywords: string[];
  targets: string[];
  /** Support pages (targets are listed in `targets`). */
  members: ClusterMember[];
  /** Target members with their roles. */
  targetMembers: ClusterMember[];
}

export interface PageRole {
  cluster?: string;
  role?: string;
  rawRole?: string;
  source: 'frontmatter' | 'config' | 'inferred';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

export function keywordsOf(page: PageFacts, config: Config): string[] {
  const v = getPath(page.frontmatter, config.frontmatter.keywords);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Roles and clusters of a site, with the pages the configured cluster targets resolve to. */
export interface ClusterState {
  clusters: Cluster[];
  roles: Map<string, PageRole>;
  /** Cluster id → the page its pillarlink.json `target` names (by file or URL). */
  configTargets: ReadonlyMap<string, string>;
}

type Matcher = (path: string) => boolean;
const matchersByConfig = new WeakMap<Config['clusters'], Map<string, Matcher[]>>();

/** The compiled member globs of the configured clusters (compiled once per configuration). */
function memberMatchers(config: Config): Map<string, Matcher[]> {
  let m = matchersByConfig.get(config.clusters);
  if (!m) {
    m = new Map(Object.entries(config.clusters).map(([id, c]) => [id, (c.members ?? []).map((g) => picomatch(g, { dot: true }))]));
    matchersByConfig.set(config.clusters, m);
  }
  return m;
}

/** The page each configured cluster's `target` names: a page file, else the page its URL resolves to. */
function configTargetsOf(pages: ReadonlyMap<string, PageFacts>, config: Config, resolver: Resolver): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, c] of Object.entries(config.clusters)) {
    if (!c.target) continue;
    const asFile = c.target.replace(/^\.\//, '');
    const t = pages.has(asFile) ? asFile : resolveTarget(c.target, resolver);
    if (t) out.set(id, t);
  }
  return out;
}

/**
 * The role a page declares: its frontmatter first, then the pillarlink.json clusters whose member
 * globs match it or whose target it is (frontmatter wins; the first matching cluster wins).
 * Depends on the page, the configuration and the configured targets only.
 */
function declaredRole(file: string, page: PageFacts, config: Config, configTargets: ReadonlyMap<string, string>, matchers: Map<string, Matcher[]>): PageRole | undefined {
  // 1. Frontmatter.
  const fm = page.frontmatter;
  const cluster = str(getPath(fm, config.frontmatter.cluster));
  const rawRole = str(getPath(fm, config.frontmatter.role))?.toLowerCase();
  let r: PageRole | undefined = cluster === undefined && rawRole === undefined ? undefined
    : { ...(cluster !== undefined ? { cluster } : {}), ...(rawRole !== undefined ? { role: rawRole, rawRole } : {}), source: 'frontmatter' };
  // 2. pillarlink.json clusters: members by glob, target by file or URL. Frontmatter wins.
  for (const id of Object.keys(config.clusters)) {
    const isTarget = configTargets.get(id) === file;
    if (!isTarget && !matchers.get(id)!.some((m) => m(file))) continue;
    if (r?.source === 'frontmatter') {
      if (r.cluster === undefined) r.cluster = id;
      // The config may make it the target only of the cluster it is in.
      if (r.role === undefined && isTarget && r.cluster === id) r.role = 'target';
      continue;
    }
    if (r?.source === 'config') continue;
    r = { cluster: id, role: isTarget ? 'target' : 'support', source: 'config' };
  }
  return r;
}

/** Builds the cluster model: frontmatter first, then pillarlink.json, then inference. */
export function buildClusters(pages: ReadonlyMap<string, PageFacts>, config: Config, resolver: Resolver, hasContentLink: (from: string, to: string) => 'content' | 'boilerplate' | 'none', contentRoots: readonly string[] = ['']): ClusterState {
  const roles = new Map<string, PageRole>();
  const files = [...pages.keys()].sort();
  const configTargets = configTargetsOf(pages, config, resolver);
  const matchers = memberMatchers(config);
  for (const file of files) {
    const r = declaredRole(file, pages.get(file)!, config, configTargets, matchers);
    if (r) roles.set(file, r);
  }
  // 3. Inference for pages that declare nothing.
  if (config.infer === 'directory') inferByDirectory(files, pages, roles, contentRoots);
  else if (config.infer === 'taxonomy') inferByTaxonomy(files, pages, roles);

  const byId = new Map<string, Cluster>();
  for (const file of files) {
    const r = roles.get(file);
    if (!r?.cluster) continue;
    let c = byId.get(r.cluster);
    if (!c) {
      const cfg = config.clusters[r.cluster];
      c = { id: r.cluster, name: cfg?.name ?? r.cluster, inferred: true, keywords: cfg?.keywords ?? [], targets: [], members: [], targetMembers: [] };
      byId.set(r.cluster, c);
    }
    // A cluster is inferred only when no page of it was declared.
    if (r.source !== 'inferred') c.inferred = false;
    const member = memberOf(file, r);
    if (isTargetRole(member.role)) {
      c.targets.push(file);
      c.targetMembers.push(member);
    } else c.members.push(member);
  }
  for (const c of byId.values()) setLinkStatus(c, hasContentLink);
  return { clusters: sortClusters([...byId.values()]), roles, configTargets };
}

function sortClusters(clusters: Cluster[]): Cluster[] {
  return clusters.sort((a, b) => Number(a.inferred) - Number(b.inferred) || a.id.localeCompare(b.id));
}

/** A page's membership for its role (link status not yet set). */
function memberOf(file: string, r: PageRole): ClusterMember {
  const role = r.role ?? 'support';
  const known = ALL_ROLES.includes(role);
  return { file, role: known ? role : 'support', ...(known ? {} : { unknownRole: r.rawRole ?? role }), source: r.source, linksToTarget: false, linksToTargetOnlyFromBoilerplate: false };
}

/** Sets whether each support page links to a target of its cluster, from content or only from boilerplate. */
function setLinkStatus(c: Cluster, hasContentLink: (from: string, to: string) => 'content' | 'boilerplate' | 'none'): void {
  for (const m of c.members) {
    let content = false;
    let boiler = false;
    for (const t of c.targets) {
      const k = hasContentLink(m.file, t);
      if (k === 'content') content = true;
      else if (k === 'boilerplate') boiler = true;
    }
    m.linksToTarget = content;
    m.linksToTargetOnlyFromBoilerplate = !content && boiler;
  }
}

/**
 * The clusters after edits that changed only links (roles and membership read frontmatter, files and
 * the configuration, which are as before): clusters holding a changed page are copied with their link
 * status computed again; the others are shared with the previous model.
 */
export function relinkClusters(previous: readonly Cluster[], changed: ReadonlySet<string>, hasContentLink: (from: string, to: string) => 'content' | 'boilerplate' | 'none'): Cluster[] {
  return previous.map((c) => {
    if (!c.members.some((m) => changed.has(m.file)) && !c.targets.some((t) => changed.has(t))) return c;
    const copy: Cluster = { ...c, members: c.members.map((m) => ({ ...m })), targetMembers: c.targetMembers.map((m) => ({ ...m })) };
    setLinkStatus(copy, hasContentLink);
    return copy;
  });
}

function sameRole(a: PageRole | undefined, b: PageRole | undefined): boolean {
  if (!a || !b) return a === b;
  return a.cluster === b.cluster && a.role === b.role && a.rawRole === b.rawRole && a.source === b.source;
}

function copyCluster(c: Cluster): Cluster {
  return { ...c, targets: [...c.targets], members: c.members.map((m) => ({ ...m })), targetMembers: c.targetMembers.map((m) => ({ ...m })) };
}

/** Inserts into a list kept in sorted file order. */
function insertSorted<T>(list: T[], item: T, fileOf: (x: T) => string): void {
  const f = fileOf(item);
  let i = list.length;
  while (i > 0 && fileOf(list[i - 1]!) > f) i--;
  list.splice(i, 0, item);
}

/**
 * The clusters after pages were added, removed or had their frontmatter changed (`routed`), and the
 * links of `linksChanged` resolved again, as `buildClusters` would give them: the roles of the
 * routed pages are declared again and they move between clusters; clusters with a moved page or a
 * page whose links changed get their link status computed again; the others are shared. Undefined
 * when that cannot be done from the previous state: with inference on (a page's role then depends
 * on other pages) or when a configured target now names another page. The caller then builds.
 */
export function updateClusters(prev: ClusterState, pages: ReadonlyMap<string, PageFacts>, config: Config, resolver: Resolver, routed: Iterable<string>, linksChanged: ReadonlySet<string>, hasContentLink: (from: string, to: string) => 'content' | 'boilerplate' | 'none'): ClusterState | undefined {
  if (config.infer !== 'off') return undefined;
  const configTargets = configTargetsOf(pages, config, resolver);
  if (configTargets.size !== prev.configTargets.size || [...configTargets].some(([id, t]) => prev.configTargets.get(id) !== t)) return undefined;
  const matchers = memberMatchers(config);
  let roles = prev.roles;
  const previous = new Map(prev.clusters.map((c) => [c.id, c]));
  const copies = new Map<string, Cluster>();
  const copy = (id: string): Cluster => {
    let c = copies.get(id);
    if (!c) {
      const p = previous.get(id);
      const cfg = config.clusters[id];
      c = p ? copyCluster(p) : { id, name: cfg?.name ?? id, inferred: true, keywords: cfg?.keywords ?? [], targets: [], members: [], targetMembers: [] };
      copies.set(id, c);
    }
    return c;
  };
  for (const file of routed) {
    const before = prev.roles.get(file);
    const page = pages.get(file);
    const after = page ? declaredRole(file, page, config, configTargets, matchers) : undefined;
    if (sameRole(before, after)) continue;
    if (roles === prev.roles) roles = new Map(prev.roles);
    if (after) roles.set(file, after);
    else roles.delete(file);
    if (before?.cluster) {
      const c = copy(before.cluster);
      c.targets = c.targets.filter((f) => f !== file);
      c.members = c.members.filter((m) => m.file !== file);
      c.targetMembers = c.targetMembers.filter((m) => m.file !== file);
    }
    if (after?.cluster) {
      const c = copy(after.cluster);
      const member = memberOf(file, after);
      if (isTargetRole(member.role)) {
        insertSorted(c.targets, file, (f) => f);
        insertSorted(c.targetMembers, member, (m) => m.file);
      } else insertSorted(c.members, member, (m) => m.file);
    }
  }
  const out: Cluster[] = [];
  for (const c of prev.clusters) if (!copies.has(c.id)) out.push(c);
  for (const c of copies.values()) {
    const all = [...c.members, ...c.targetMembers];
    if (all.length === 0) continue;
    // A cluster is inferred only when no page of it was declared.
    c.inferred = all.every((m) => m.source === 'inferred');
    out.push(c);
  }
  const clusters = sortClusters(out).map((c) => {
    const changed = copies.has(c.id) || c.members.some((m) => linksChanged.has(m.file)) || c.targets.some((t) => linksChanged.has(t));
    if (!changed) return c;
    const mine = copies.has(c.id) ? c : copyCluster(c);
    setLinkStatus(mine, hasContentLink);
    return mine;
  });
  return { clusters, roles, configTargets };
}

function resolveTarget(target: string, resolver: Resolver): string | undefined {
  const r = resolver.resolve('', target.startsWith('/') || /^https?:/i.test(target) ? target : `/${target}`);
  return r.kind === 'page' ? r.file : undefined;
}

function inferByDirectory(files: string[], pages: ReadonlyMap<string, PageFacts>, roles: Map<string, PageRole>, contentRoots: readonly string[]): void {
  const indexOf = new Map<string, string>();
  for (const f of files) {
    const n = basename(stripExtension(f)).toLowerCase();
    if (n === 'index' || n === '_index' || n === 'readme') indexOf.set(dirname(f), f);
  }
  const groups: { id: string; index: string; members: string[] }[] = [];
  for (const [dir, index] of indexOf) {
    // A content root's index is the home page, not the hub of a topic.
    if (dir === '' || contentRoots.includes(dir)) continue;
    const members = files.filter((f) => f !== index && isUnder(f, dir) && nearestIndexDir(f, indexOf) === dir);
    if (members.length > 0) groups.push({ id: dir, index, members });
  }
  // Targets first, so a sub-folder's index leads its own cluster instead of joining its parent's.
  for (const g of groups) if (!roles.has(g.index)) roles.set(g.index, { cluster: g.id, role: 'target', source: 'inferred' });
  for (const g of groups) {
    for (const m of g.members) if (!roles.has(m) && pages.has(m)) roles.set(m, { cluster: g.id, role: 'support', source: 'inferred' });
  }
}

function nearestIndexDir(file: string, indexOf: Map<string, string>): string | undefined {
  let d = dirname(file);
  for (;;) {
    if (indexOf.has(d) && indexOf.get(d) !== file) return d;
    if (d === '') return undefined;
    d = dirname(d);
  }
}

function inferByTaxonomy(files: string[], pages: ReadonlyMap<string, PageFacts>, roles: Map<string, PageRole>): void {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    if (roles.has(f)) continue;
    const fm = pages.get(f)!.frontmatter ?? {};
    const terms = [fm.categories, fm.tags].flatMap((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []))
      .filter((x): x is string => typeof x === 'string');
    // The first category (else tag) is the page's primary topic.
    const primary = terms[0];
    if (primary === undefined) continue;
    const id = primary.toLowerCase().trim().replace(/\s+/g, '-');
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(f);
  }
  for (const [id, members] of groups) {
    if (members.length < 2) continue;
    for (const m of members) roles.set(m, { cluster: id, role: 'support', source: 'inferred' });
  }
}
