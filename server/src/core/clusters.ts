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

/** Builds the cluster model: frontmatter first, then pillarlink.json, then inference. */
export function buildClusters(pages: ReadonlyMap<string, PageFacts>, config: Config, resolver: Resolver, hasContentLink: (from: string, to: string) => 'content' | 'boilerplate' | 'none', contentRoots: readonly string[] = ['']): { clusters: Cluster[]; roles: Map<string, PageRole> } {
  const roles = new Map<string, PageRole>();
  const files = [...pages.keys()].sort();
  // 1. Frontmatter.
  for (const file of files) {
    const fm = pages.get(file)!.frontmatter;
    const cluster = str(getPath(fm, config.frontmatter.cluster));
    const rawRole = str(getPath(fm, config.frontmatter.role))?.toLowerCase();
    if (cluster === undefined && rawRole === undefined) continue;
    roles.set(file, { ...(cluster !== undefined ? { cluster } : {}), ...(rawRole !== undefined ? { role: rawRole, rawRole } : {}), source: 'frontmatter' });
  }
  // 2. pillarlink.json clusters: members by glob, target by file or URL. Frontmatter wins.
  const configTargets = new Map<string, string>();
  for (const [id, c] of Object.entries(config.clusters)) {
    if (c.target) {
      const asFile = c.target.replace(/^\.\//, '');
      const t = pages.has(asFile) ? asFile : resolveTarget(c.target, resolver);
      if (t) configTargets.set(id, t);
    }
    const matchers = (c.members ?? []).map((g) => picomatch(g, { dot: true }));
    for (const file of files) {
      const isTarget = configTargets.get(id) === file;
      if (!isTarget && !matchers.some((m) => m(file))) continue;
      const existing = roles.get(file);
      if (existing?.source === 'frontmatter') {
        if (existing.cluster === undefined) existing.cluster = id;
        // The config may make it the target only of the cluster it is in.
        if (existing.role === undefined && isTarget && existing.cluster === id) existing.role = 'target';
        continue;
      }
      if (existing?.source === 'config') continue;
      roles.set(file, { cluster: id, role: isTarget ? 'target' : 'support', source: 'config' });
    }
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
    const role = r.role ?? 'support';
    const known = ALL_ROLES.includes(role);
    const member: ClusterMember = { file, role: known ? role : 'support', ...(known ? {} : { unknownRole: r.rawRole ?? role }), source: r.source, linksToTarget: false, linksToTargetOnlyFromBoilerplate: false };
    if (known && isTargetRole(role)) {
      c.targets.push(file);
      c.targetMembers.push(member);
    } else c.members.push(member);
  }
  for (const c of byId.values()) setLinkStatus(c, hasContentLink);
  const clusters = [...byId.values()].sort((a, b) => Number(a.inferred) - Number(b.inferred) || a.id.localeCompare(b.id));
  return { clusters, roles };
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
