import type { Config } from './config';
import { buildClusters, relinkClusters, type Cluster, type ClusterMember, type PageRole } from './clusters';
import { basename, dirname, stripExtension } from './paths';
import type { SearchConsoleInput } from './gsc/index';
import { genericProfile } from './routing/generic';
import type { SiteProfile } from './routing/profile';
import { Resolver, type Resolution } from './routing/resolver';
import type { LinkFact, PageFacts, Range } from './types';

export interface ResolvedLink {
  from: string;
  /** Index of the link in the source page's `links`. */
  index: number;
  link: LinkFact;
  res: Resolution;
}

/** The resolved link graph of a site, with its clusters. Immutable once built. */
export class SiteModel {
  readonly resolver: Resolver;
  readonly outbound = new Map<string, ResolvedLink[]>();
  readonly inbound = new Map<string, ResolvedLink[]>();
  readonly clusters: Cluster[];
  readonly roles: Map<string, PageRole>;
  readonly entryPages: Set<string>;
  private readonly memberOf: Map<string, { cluster: Cluster; member: ClusterMember; isTarget: boolean }>;
  private depths: Map<string, number> | undefined;
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
     * A model of the same pages before `changed` were edited without touching what routing reads
     * (frontmatter, headings, anchors; no page added or removed): its resolver and the links of the
     * other pages still hold, so only the changed pages' links are resolved again.
     */
    previous?: { model: SiteModel; changed: ReadonlySet<string> },
  ) {
    this.resolver = previous?.model.resolver ?? new Resolver(pages, files, profile, { contentRoots, staticDirs: config.staticDirs, ...(config.site.baseUrl ? { baseUrl: config.site.baseUrl } : {}) });
    if (previous) this.relink(previous.model, previous.changed);
    else this.link();
    if (previous) {
      // Roles and membership are as before; only the link status of clusters with a changed page is not.
      this.clusters = relinkClusters(previous.model.clusters, previous.changed, (from, to) => this.linkKind(from, to));
      this.roles = previous.model.roles;
      this.memberOf = new Map(previous.model.memberOf);
      for (let i = 0; i < this.clusters.length; i++) if (this.clusters[i] !== previous.model.clusters[i]) this.addMembers(this.clusters[i]!);
      this.entryPages = previous.model.entryPages;
    } else {
      const built = buildClusters(pages, config, this.resolver, (from, to) => this.linkKind(from, to), contentRoots);
      this.clusters = built.clusters;
      this.roles = built.roles;
      this.memberOf = new Map();
      for (const c of this.clusters) this.addMembers(c);
      this.entryPages = this.computeEntryPages();
    }
  }

  private addMembers(c: Cluster): void {
    for (const m of c.members) this.memberOf.set(m.file, { cluster: c, member: m, isTarget: false });
    for (const m of c.targetMembers) this.memberOf.set(m.file, { cluster: c, member: m, isTarget: true });
  }

  /** The link lists of `prev` with the changed pages' links resolved again; in the order a full build gives. */
  private relink(prev: SiteModel, changed: ReadonlySet<string>): void {
    const order = new Map<string, number>();
    for (const file of this.pages.keys()) {
      order.set(file, order.size);
      // Lists of unchanged pages are shared: a model never mutates them after it is built.
      this.outbound.set(file, prev.outbound.get(file) ?? []);
      this.inbound.set(file, prev.inbound.get(file) ?? []);
    }
    const touched = new Set<string>();
    const added: ResolvedLink[] = [];
    for (const file of changed) {
      for (const l of prev.outbound.get(file) ?? []) if (l.res.kind === 'page' && !l.link.image) touched.add(l.res.file);
      const out: ResolvedLink[] = (this.pages.get(file)?.links ?? []).map((link, index) => ({ from: file, index, link, res: this.resolver.resolve(file, link.url) }));
      this.outbound.set(file, out);
      for (const l of out) if (l.res.kind === 'page' && !l.link.image && this.inbound.has(l.res.file)) { touched.add(l.res.file); added.push(l); }
    }
    for (const target of touched) {
      if (!this.inbound.has(target)) continue;
      const list = (prev.inbound.get(target) ?? []).filter((l) => !changed.has(l.from));
      for (const l of added) if (l.res.kind === 'page' && l.res.file === target) list.push(l);
      list.sort((a, b) => order.get(a.from)! - order.get(b.from)! || a.index - b.index);
      this.inbound.set(target, list);
    }
  }

  private link(): void {
    for (const file of this.pages.keys()) {
      this.outbound.set(file, []);
      this.inbound.set(file, []);
    }
    for (const [file, page] of this.pages) {
      const out = this.outbound.get(file)!;
      page.links.forEach((link, index) => {
        const res = this.resolver.resolve(file, link.url);
        const rl: ResolvedLink = { from: file, index, link, res };
        out.push(rl);
        if (res.kind === 'page' && !link.image) this.inbound.get(res.file)?.push(rl);
      });
    }
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

  private computeEntryPages(): Set<string> {
    const entries = new Set<string>();
    for (const e of this.config.entryPoints) if (this.pages.has(e)) entries.add(e);
    for (const root of this.contentRoots) {
      for (const file of this.pages.keys()) {
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
