import type { Config } from './config';
import { buildClusters, relinkClusters, updateClusters, type Cluster, type ClusterMember, type PageRole } from './clusters';
import { basename, dirname, stripExtension } from './paths';
import type { SearchConsoleInput } from './gsc/index';
import { genericProfile } from './routing/generic';
import type { SiteProfile } from './routing/profile';
import { fileKeys, Resolver, type Resolution } from './routing/resolver';
import type { LinkFact, PageFacts, Range } from './types';

export interface ResolvedLink {
  from: string;
  /** Index of the link in the source page's `links`. */
  index: number;
  link: LinkFact;
  res: Resolution;
}

/** Whether two resolutions say the same (field by field; `tried` lists and fragments included). */
export function sameResolution(a: Resolution, b: Resolution): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

/**
 * The links of a site by the lookup keys their resolution consulted (`Resolver.resolveTracked`):
 * site URLs, workspace paths, `ANY_PAGE_KEY`. When pages or files come and go, only the links
 * recorded under a key `Resolver.update` reports can resolve differently. Links to external sites
 * and other schemes look nothing up and are not recorded. One model owns the index at a time: a
 * model derived from another takes it over (`SiteModel` `previous`).
 */
export class LinkIndex {
  private readonly byKey = new Map<string, Bucket>();
  /** Each link's buckets (one object for most links: no array). */
  private readonly bucketsOf = new Map<ResolvedLink, Bucket | Bucket[]>();

  /** Records `l` under `keys` (duplicates are recorded once). */
  add(l: ResolvedLink, keys: readonly string[]): void {
    if (keys.length === 0) return;
    if (keys.length === 1) {
      this.bucketsOf.set(l, this.under(keys[0]!, l));
      return;
    }
    const buckets: Bucket[] = [];
    for (const k of keys) {
      const b = this.byKey.get(k);
      if (b && buckets.includes(b)) continue;
      buckets.push(this.under(k, l));
    }
    this.bucketsOf.set(l, buckets.length === 1 ? buckets[0]! : buckets);
  }

  private under(key: string, l: ResolvedLink): Bucket {
    let b = this.byKey.get(key);
    if (b) b.links.push(l);
    else this.byKey.set(key, (b = { key, links: [l] }));
    return b;
  }

  remove(l: ResolvedLink): void {
    const buckets = this.bucketsOf.get(l);
    if (buckets === undefined) return;
    this.bucketsOf.delete(l);
    for (const b of Array.isArray(buckets) ? buckets : [buckets]) {
      const list = b.links;
      list[list.lastIndexOf(l)] = list[list.length - 1]!;
      list.pop();
      if (list.length === 0) this.byKey.delete(b.key);
    }
  }

  /** The links recorded under any of `keys`. */
  linksAt(keys: Iterable<string>, into: Set<ResolvedLink>): void {
    for (const k of keys) for (const l of this.byKey.get(k)?.links ?? []) into.add(l);
  }

  /** Every recorded key and link (tests compare an index with a fresh one). */
  *entries(): Generator<[string, ResolvedLink]> {
    for (const [k, b] of this.byKey) for (const l of b.links) yield [k, l];
  }
}

/** The links recorded under one key (the key string is kept once, here). */
interface Bucket { key: string; links: ResolvedLink[] }

/** Cluster builds so far: models that share a number share how roles and membership were derived. */
let clusterBuilds = 0;

type Membership = Map<string, { cluster: Cluster; member: ClusterMember; isTarget: boolean }>;

/** Roles and cluster membership of a model, and the build they come from. */
interface ClusterState {
  clusters: Cluster[];
  roles: Map<string, PageRole>;
  configTargets: ReadonlyMap<string, string>;
  clusterEpoch: number;
  memberOf: Membership;
}

function addMembers(memberOf: Membership, c: Cluster): void {
  for (const m of c.members) memberOf.set(m.file, { cluster: c, member: m, isTarget: false });
  for (const m of c.targetMembers) memberOf.set(m.file, { cluster: c, member: m, isTarget: true });
}

/** The state of a fresh cluster build (a new epoch). */
function builtState(built: { clusters: Cluster[]; roles: Map<string, PageRole>; configTargets: ReadonlyMap<string, string> }): ClusterState {
  const memberOf: Membership = new Map();
  for (const c of built.clusters) addMembers(memberOf, c);
  return { clusters: built.clusters, roles: built.roles, configTargets: built.configTargets, clusterEpoch: ++clusterBuilds, memberOf };
}

/** What changed since a model, for deriving the next one from it (see SiteModel). */
export interface ModelChanges {
  model: SiteModel;
  /** Pages edited without touching what routing reads (frontmatter): their links are resolved again. */
  changed: ReadonlySet<string>;
  /** Pages whose headings or anchors changed: the links into them are resolved again. */
  fragments?: ReadonlySet<string>;
  /**
   * Files added or removed (pages or not) and pages whose frontmatter changed: the resolver's
   * indexes are updated, their roles declared again, and the links their change can affect
   * resolved again.
   */
  routed?: ReadonlySet<string>;
}


let modelSerials = 0;

/** The resolved link graph of a site, with its clusters. Immutable once built. */
export class SiteModel {
  readonly resolver: Resolver;
  readonly outbound: Map<string, ResolvedLink[]>;
  readonly inbound: Map<string, ResolvedLink[]>;
  /** Identifies the model (for `relinked`). */
  readonly serial = ++modelSerials;
  /**
   * When derived from another model: its serial and the pages whose outbound list is not the one it
   * had (edited, added, or with links resolved again). Every other page's list is shared with it.
   */
  relinked: { from: number; pages: ReadonlySet<string> } | undefined;
  /** Each page's position in `pages` (the order of a full build), shared by models with the same pages. */
  private order: Map<string, number> | undefined;
  readonly clusters: Cluster[];
  readonly roles: Map<string, PageRole>;
  readonly entryPages: Set<string>;
  /**
   * Changes when roles and cluster membership were built from scratch (`buildClusters`); models
   * derived without a build keep their predecessor's, and differ from it only for routed pages.
   */
  readonly clusterEpoch: number;
  private readonly configTargets: ReadonlyMap<string, string>;
  private readonly memberOf: Membership;
  private depths: Map<string, number> | undefined;
  /** The reverse index of the links, while this is the latest model of its lineage. */
  private index: LinkIndex | undefined;
  /** Problems found while reading the configuration, positioned in the config file. */
  configProblems: { file: string; range: Range; message: string }[] = [];
  /** Rows of the configured Search Console exports (core/gsc maps them to pages on demand). */
  searchConsoleInput: SearchConsoleInput | undefined;

  constructor(
    readonly root: string,
    readonly config: Config,
    readonly pages: ReadonlyMap<string, PageFacts>,
    readonly files: ReadonlySet<string>,
    readonly contentRoots: readonly string[],
    profile: SiteProfile = genericProfile,
    /**
     * The model of the same site before some changes (same configuration, profile, and the same
     * live `pages` and `files` collections, now changed), from which this one is derived instead
     * of built: its resolver is updated in place, its link index taken over, and only the links a
     * change can affect are resolved again. Falls back to a full build when the previous model
     * does not qualify (another configuration, or its index was already taken).
     */
    previous?: ModelChanges,
    /**
     * False: no link index is kept, so no model can be derived from this one (the next change builds
     * one in full). For one-shot analyses (the CLI): on a 50k-page site the index is ~70 MB.
     */
    linkIndex = true,
  ) {
    const prev = previous?.model;
    // Without pages added, removed or re-routed, the page order is the previous model's: its maps are
    // copied whole (V8 copies a Map faster than it is rebuilt entry by entry) and changed below.
    const samePages = !!prev && (previous?.routed?.size ?? 0) === 0;
    this.outbound = samePages ? new Map(prev.outbound) : new Map();
    this.inbound = samePages ? new Map(prev.inbound) : new Map();
    const derivable = !!prev?.index && prev.config === config && prev.pages === pages && prev.files === files && prev.contentRoots === contentRoots && prev.resolver.profile === profile;
    const hasLink = (from: string, to: string) => this.linkKind(from, to);
    let state: ClusterState;
    if (!previous || !prev || !derivable) {
      this.resolver = new Resolver(pages, files, profile, { contentRoots, staticDirs: config.staticDirs, ...(config.site.baseUrl ? { baseUrl: config.site.baseUrl } : {}) });
      this.index = linkIndex ? new LinkIndex() : undefined;
      this.link();
      state = builtState(buildClusters(pages, config, this.resolver, hasLink, contentRoots));
      this.entryPages = this.computeEntryPages();
    } else {
      this.resolver = prev.resolver;
      this.index = prev.index;
      prev.index = undefined;
      const routed = previous.routed ?? new Set<string>();
      const { linksChanged, order } = this.relink(prev, previous);
      this.relinked = { from: prev.serial, pages: linksChanged };
      const updated = routed.size === 0
        // Roles and membership are as before; only the link status of clusters with a changed page is not.
        ? { clusters: relinkClusters(prev.clusters, linksChanged, hasLink), roles: prev.roles, configTargets: prev.configTargets }
        : updateClusters({ clusters: prev.clusters, roles: prev.roles, configTargets: prev.configTargets }, pages, config, this.resolver, routed, linksChanged, hasLink);
      if (updated) {
        const memberOf = new Map(prev.memberOf);
        for (const f of routed) memberOf.delete(f);
        const shared = new Set(prev.clusters);
        for (const c of updated.clusters) if (!shared.has(c)) addMembers(memberOf, c);
        state = { ...updated, clusterEpoch: prev.clusterEpoch, memberOf };
      } else {
        state = builtState(buildClusters(pages, config, this.resolver, hasLink, contentRoots));
      }
      if (routed.size === 0) this.entryPages = prev.entryPages;
      else {
        // An entry page is an entry page before or one of the routed pages (or the home page).
        const candidates = [...new Set([...prev.entryPages, ...routed])].filter((f) => order.has(f)).sort((a, b) => order.get(a)! - order.get(b)!);
        this.entryPages = this.computeEntryPages(candidates);
      }
    }
    this.clusters = state.clusters;
    this.roles = state.roles;
    this.configTargets = state.configTargets;
    this.clusterEpoch = state.clusterEpoch;
    this.memberOf = state.memberOf;
  }

  /** Resolves a page's link, recording it in the link index (if this model keeps one). */
  private resolveLink(from: string, index: number, link: LinkFact): ResolvedLink {
    if (!this.index) return { from, index, link, res: this.resolver.resolve(from, link.url) };
    const deps: string[] = [];
    const rl: ResolvedLink = { from, index, link, res: this.resolver.resolveTracked(from, link.url, deps) };
    this.index!.add(rl, deps);
    return rl;
  }

  /**
   * The link lists of `prev` after `changes`, in the order a full build gives: the links of edited,
   * added and re-routed pages resolved again; of the other pages, only the links into a page whose
   * headings changed or that was routed, and the links the resolver's update reports (recorded
   * under a lookup key whose answer changed: the URLs and paths of pages and files that came, went
   * or moved; links resolved by routes with parameters when the set of pages changed).
   */
  private relink(prev: SiteModel, changes: ModelChanges): { linksChanged: Set<string>; order: Map<string, number> } {
    const index = this.index!;
    const routed = changes.routed ?? new Set<string>();
    const fragments = changes.fragments ?? new Set<string>();
    let order: Map<string, number>;
    if (routed.size === 0 && prev.order && this.outbound.size === this.pages.size) {
      // Same pages in the same order (the constructor copied the previous maps).
      order = prev.order;
    } else {
      order = new Map<string, number>();
      this.outbound.clear();
      this.inbound.clear();
      for (const file of this.pages.keys()) {
        order.set(file, order.size);
        // Lists of unchanged pages are shared: a model never mutates them after it is built.
        this.outbound.set(file, prev.outbound.get(file) ?? []);
        this.inbound.set(file, prev.inbound.get(file) ?? []);
      }
    }
    this.order = order;
    const dirty = routed.size > 0 ? this.resolver.update(routed) : new Set<string>();
    // Links into a routed page or a page whose headings changed: another fragment status, perhaps.
    for (const f of [...routed, ...fragments]) {
      for (const k of this.resolver.keysFor(f)) dirty.add(k);
      for (const k of fileKeys(f)) dirty.add(k);
    }
    // Pages whose every link is resolved again, and pages gone.
    const redo = new Set<string>();
    const gone = new Set<string>();
    for (const f of [...changes.changed, ...routed]) {
      if (this.pages.has(f)) redo.add(f);
      else if (prev.outbound.has(f)) gone.add(f);
    }
    const single = new Set<ResolvedLink>();
    index.linksAt(dirty, single);
    for (const f of [...routed, ...fragments]) for (const l of prev.inbound.get(f) ?? []) single.add(l);
    const linksChanged = new Set<string>(redo);
    /** Targets whose inbound list changes: links dropped from it, links added to it. */
    const touched = new Set<string>();
    const dropped = new Set<ResolvedLink>();
    const added = new Map<string, ResolvedLink[]>();
    const drop = (l: ResolvedLink) => {
      index.remove(l);
      dropped.add(l);
      if (l.res.kind === 'page' && !l.link.image) touched.add(l.res.file);
    };
    const add = (l: ResolvedLink) => {
      if (l.res.kind !== 'page' || l.link.image || !this.inbound.has(l.res.file)) return;
      touched.add(l.res.file);
      const list = added.get(l.res.file);
      if (list) list.push(l);
      else added.set(l.res.file, [l]);
    };
    for (const l of single) {
      if (redo.has(l.from) || gone.has(l.from) || !this.pages.has(l.from)) continue;
      const deps: string[] = [];
      const res = this.resolver.resolveTracked(l.from, l.link.url, deps);
      index.remove(l);
      if (sameResolution(res, l.res)) {
        index.add(l, deps);
        // The same page, which was not one before (a route with parameters names its file either way): now a link into it.
        if (res.kind === 'page' && !prev.inbound.has(res.file)) add(l);
        continue;
      }
      drop(l);
      const rl: ResolvedLink = { from: l.from, index: l.index, link: l.link, res };
      index.add(rl, deps);
      let out = this.outbound.get(l.from)!;
      if (out === prev.outbound.get(l.from)) this.outbound.set(l.from, (out = [...out]));
      out[l.index] = rl;
      linksChanged.add(l.from);
      add(rl);
    }
    for (const f of gone) for (const l of prev.outbound.get(f)!) drop(l);
    for (const f of redo) {
      for (const l of prev.outbound.get(f) ?? []) drop(l);
      const out = this.pages.get(f)!.links.map((link, i) => this.resolveLink(f, i, link));
      this.outbound.set(f, out);
      for (const l of out) add(l);
    }
    for (const target of touched) {
      if (!this.inbound.has(target)) continue;
      const list = (prev.inbound.get(target) ?? []).filter((l) => !dropped.has(l));
      list.push(...(added.get(target) ?? []));
      list.sort((a, b) => order.get(a.from)! - order.get(b.from)! || a.index - b.index);
      this.inbound.set(target, list);
    }
    return { linksChanged, order };
  }

  private link(): void {
    const order = new Map<string, number>();
    for (const file of this.pages.keys()) {
      order.set(file, order.size);
      this.outbound.set(file, []);
      this.inbound.set(file, []);
    }
    this.order = order;
    for (const [file, page] of this.pages) {
      const out = this.outbound.get(file)!;
      page.links.forEach((link, index) => {
        const rl = this.resolveLink(file, index, link);
        out.push(rl);
        if (rl.res.kind === 'page' && !link.image) this.inbound.get(rl.res.file)?.push(rl);
      });
    }
  }

  /** The link index while this model owns it (tests check it against the links). */
  get linkIndex(): LinkIndex | undefined {
    return this.index;
  }

  /** How `from` links to `to`: from content, only from boilerplate placements, or not at all. */
  linkKind(from: string, to: string): 'content' | 'boilerplate' | 'none' {
    let boiler = false;
    for (const l of this.outbound.get(from) ?? []) {
      if (l.res.kind !== 'page' || l.res.file !== to || l.link.image) continue;
      if (l.link.placement === 'content') return 'content';
      boiler = true;
    }
    return boiler ? 'boilerplate' : 'none';
  }

  clusterOf(file: string): { cluster: Cluster; member: ClusterMember; isTarget: boolean } | undefined {
    return this.memberOf.get(file);
  }

  /** Pages that are not meant to be indexed by search engines (drafts, noindex). */
  isUnindexed(file: string): boolean {
    const fm = this.pages.get(file)?.frontmatter;
    if (!fm) return false;
    if (fm.draft === true || fm.noindex === true || fm.unlisted === true) return true;
    const robots = fm.robots;
    return typeof robots === 'string' && /\bnoindex\b/i.test(robots);
  }

  /** Entry pages; `candidates` (in page order) holds every page that can be a content root's index page. */
  private computeEntryPages(candidates: Iterable<string> = this.pages.keys()): Set<string> {
    const entries = new Set<string>();
    const files = [...candidates];
    for (const e of this.config.entryPoints) if (this.pages.has(e)) entries.add(e);
    for (const root of this.contentRoots) {
      for (const file of files) {
        if (dirname(file) !== root) continue;
        const n = basename(stripExtension(file)).toLowerCase();
        if (n === 'index' || n === '_index' || n === 'readme') entries.add(file);
      }
    }
    const home = this.resolver.resolve('', '/');
    if (home.kind === 'page') entries.add(home.file);
    return entries;
  }

  /** Click depth from the entry pages over crawlable links, or null when unreachable. */
  depth(file: string): number | null {
    if (!this.depths) {
      const d = new Map<string, number>();
      const queue = [...this.entryPages];
      for (const e of queue) d.set(e, 0);
      for (let i = 0; i < queue.length; i++) {
        const f = queue[i]!;
        for (const l of this.outbound.get(f) ?? []) {
          if (l.res.kind !== 'page' || l.link.image || d.has(l.res.file)) continue;
          d.set(l.res.file, d.get(f)! + 1);
          queue.push(l.res.file);
        }
      }
      this.depths = d;
    }
    return this.depths.get(file) ?? null;
  }

  urlOf(file: string): string | undefined {
    return this.resolver.urlOf(file);
  }

  titleOf(file: string): string {
    const p = this.pages.get(file);
    return p?.title ?? basename(stripExtension(file));
  }
}
