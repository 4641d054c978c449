import picomatch from 'picomatch';
import { Analysis, OneShotAnalysis, type AnalysisResult, type AnalysisScope } from './analyze';
import { loadPages, type FactsCache, type ParseMany } from './cache';
import { DEFAULT_CONFIG, mergeConfig, parseConfig, type Config } from './config';
import { searchConsoleOf, unmatchedSummary, type SearchConsoleInput } from './gsc/index';
import { dropSearchConsoleFile, loadSearchConsole, searchConsoleFiles } from './gsc/load';
import { sameResolution, SiteModel } from './model';
import { isUnder } from './paths';
import type { ParseOptions } from './parse/page';
import { indexPage } from './parse/fastScan';
import { detectProfile, siteConfigFiles, siteConfigImports, type Detection } from './routing/detect';
import { computeLineStarts, spanToRange } from './positions';
import type { Finding, PageFacts } from './types';
import type { Cluster } from './clusters';
import type { SiteProfile } from './routing/profile';
import { isPagePath, type Workspace } from './workspace';

export const CONFIG_FILE = 'pillarlink.json';
const CONTENT_ROOT_CANDIDATES = ['content', 'src/content', 'docs', 'src/pages', 'pages'];

export interface ProjectOptions {
  /** Settings from the editor or the CLI, under the config file. */
  overrides?: Partial<Config>;
  /** Workspace-relative path of the config file (default pillarlink.json). */
  configFile?: string;
  /** Config text supplied by the caller (CLI `--config`), used instead of reading the config file. */
  configText?: string;
  log?: (message: string) => void;
  /** Facts of unchanged pages from an earlier run (warm start). */
  factsCache?: FactsCache;
  /** Parses the pages of a full load elsewhere (a worker pool). */
  parseMany?: ParseMany;
  /**
   * False: findings carry no `data` (the code-action payload), for callers that only print them
   * (`check`); cluster rules keep theirs, which says what cluster a finding belongs to. On a large
   * site the payloads are tens of MB.
   */
  findingData?: boolean;
  /**
   * False: a one-shot analysis (the CLI). Models keep no link index, so a change after the first
   * model rebuilds it in full instead of deriving it (see SiteModel `linkIndex`).
   */
  incremental?: boolean;
}

/**
 * The analysed state of one workspace folder. Pages are parsed once per content version;
 * the resolved model and the findings are rebuilt lazily after a change.
 */
export class Project {
  config: Config = structuredClone(DEFAULT_CONFIG) as Config;
  contentRoots: string[] = [''];
  readonly files = new Set<string>();
  readonly pages = new Map<string, PageFacts>();
  /** Framework config files (hugo.toml, docusaurus.config.ts, …) as text, for profile detection. */
  readonly siteConfigs = new Map<string, string>();
  routing: Detection | undefined;
  private readonly open = new Map<string, string>();
  private configProblems: SiteModel['configProblems'] = [];
  private configText: string | undefined;
  private searchConsole: SearchConsoleInput | undefined;
  private loggedUnmatched: string | undefined;
  private cachedModel: SiteModel | undefined;
  /** The last model and what changed since, when the next model can be derived from it (SiteModel `previous`). */
  private relinkFrom: { model: SiteModel; changed: Set<string>; fragments: Set<string>; routed: Set<string> } | undefined;
  /** Findings kept per rule and page/cluster; an edit re-runs only what it can change. */
  private readonly analysis: Analysis | OneShotAnalysis;
  /** The model the findings were computed on, and what changed since. */
  private analyzedModel: SiteModel | undefined;
  private fullAnalysis = true;
  /** Pages edited, added or removed since the last analysis, with their facts before the first of those changes. */
  private readonly edited = new Map<string, PageFacts | undefined>();
  /** The site rules have not run since the last change. */
  private siteStale = false;
  /** What the last `refresh` re-checked (for logs and tests). */
  lastScope: 'all' | { files: number; clusters: number; site: boolean } | undefined;
  /** Files whose findings changed since `takeChangedFiles` was last called. */
  private readonly unpublished = new Set<string>();
  private excluded: (path: string) => boolean = () => false;
  private readonly log: (m: string) => void;
  /** What the last load read: the listing, every file read, (until parsed) the page texts, and the stamps of pages left unread (FileEntry.stamp). */
  private inputs: { listing: string[]; reads: Map<string, string | undefined>; texts: Map<string, string | undefined> | undefined; stamps: Map<string, string> } | undefined;

  constructor(readonly workspace: Workspace, private readonly options: ProjectOptions = {}) {
    this.log = options.log ?? (() => {});
    const findingData = options.findingData ?? true;
    this.analysis = options.incremental === false ? new OneShotAnalysis(undefined, { findingData }) : new Analysis(undefined, { findingData });
  }

  /** The configuration could not be parsed at all (not just a wrong value). */
  get configUnreadable(): boolean {
    return this.configProblems.some((p) => p.message.includes('is not valid JSON') || p.message.includes('must hold an object'));
  }

  get configFile(): string {
    return this.options.configFile ?? CONFIG_FILE;
  }

  /**
   * Reads everything the analysis depends on — the config, Search Console exports, the listing,
   * site config files and every page's text — without parsing. `load` parses what this read (and
   * calls it when it was not called first); `inputParts` describes it for a results cache key.
   */
  async readInputs(): Promise<void> {
    const reads = new Map<string, string | undefined>();
    const ws = this.workspace;
    const reading: Workspace = {
      root: ws.root,
      listFiles: () => ws.listFiles(),
      readFile: async (p) => { const t = await ws.readFile(p); reads.set(p, t); return t; },
    };
    await this.loadConfig(reading);
    this.searchConsole = await loadSearchConsole(reading, this.config, this.configFile, this.configText);
    this.loggedUnmatched = undefined;
    const entries = await ws.listFiles();
    this.files.clear();
    this.pages.clear();
    for (const e of entries) this.files.add(e.path);
    this.contentRoots = this.detectContentRoots();
    this.siteConfigs.clear();
    for (const p of siteConfigFiles(this.files)) {
      const text = await reading.readFile(p);
      if (text !== undefined) this.siteConfigs.set(p, text);
    }
    // Configs import modules that import others (next.config.mjs → next.rewrites.mjs → redirects.json).
    for (let round = 0; round < 8; round++) {
      const more = siteConfigImports(this.siteConfigs, this.files).filter((p) => !this.siteConfigs.has(p));
      if (more.length === 0) break;
      for (const p of more) {
        const text = await reading.readFile(p);
        this.siteConfigs.set(p, text ?? '');
      }
    }
    this.detectRouting();
    // The profile's page folders (app/, website/docs) are content too when roots were detected.
    if (this.config.contentRoots.length === 0 && !this.contentRoots.includes('')) {
      this.contentRoots = [...new Set([...this.contentRoots, ...(this.routing?.profile.contentDirs ?? [])])];
    }
    const pageEntries = entries.filter((e) => this.isPageFile(e.path));
    const texts = new Map<string, string | undefined>();
    const stamps = new Map<string, string>();
    let sliceStart = Date.now();
    for (const e of pageEntries) {
      if (e.size > this.config.maxFileSize) {
        this.log(`Skipped ${e.path}: ${e.size} bytes is over the size cap of ${this.config.maxFileSize}.`);
        texts.set(e.path, undefined);
      } else if (e.stamp !== undefined && !this.open.has(e.path)) {
        // Read when parsed (`load`): the stamp stands for the content in the key.
        texts.set(e.path, undefined);
        stamps.set(e.path, e.stamp);
      } else {
        texts.set(e.path, this.open.get(e.path) ?? (await reading.readFile(e.path)));
      }
      // Let requests in now and then.
      if (Date.now() - sliceStart >= 20) { await new Promise((r) => setImmediate(r)); sliceStart = Date.now(); }
    }
    for (const [p, t] of texts) if (this.open.has(p)) reads.set(p, t);
    this.inputs = { listing: entries.map((e) => e.path), reads, texts, stamps };
  }

  /**
   * The inputs read by `readInputs`, in a stable order: with the tool's build, a key under which
   * the analysis of an unchanged workspace can be stored and served again (no page is parsed).
   * Available between `readInputs` and `load` (which lets the texts go).
   */
  *inputParts(): Generator<string> {
    if (!this.inputs) return;
    yield JSON.stringify([this.configFile, this.options.configText ?? null, this.options.overrides ?? {}]);
    for (const p of [...this.inputs.listing].sort()) yield `${p}\u0000`;
    for (const p of [...this.inputs.stamps.keys()].sort()) yield `${p}\u0004${this.inputs.stamps.get(p)!}\u0000`;
    for (const p of [...this.inputs.reads.keys()].sort()) {
      const t = this.inputs.reads.get(p);
      yield `${p}\u0001${t === undefined ? '\u0002' : `${t.length}\u0003`}`;
      if (t !== undefined) yield t;
    }
  }

  /**
   * The files `readInputs` depended on, by path: the files it read whole (config, Search Console
   * exports, site configs; `false` when absent), the pages it read or stamped, and the stamps of
   * those it left unread. Available between `readInputs` and `load`, like `inputParts`, and only
   * when no page is open (an open page's text is not on disk).
   */
  inputFiles(): { reads: Map<string, boolean>; pages: string[]; stamps: ReadonlyMap<string, string> } | undefined {
    if (!this.inputs?.texts || this.open.size > 0) return undefined;
    return {
      reads: new Map([...this.inputs.reads].map(([p, t]) => [p, t !== undefined])),
      pages: [...this.inputs.texts.keys()],
      stamps: this.inputs.stamps,
    };
  }

  /** (Re)reads the configuration, lists the files and parses every page. */
  async load(onProgress?: (done: number, total: number) => void): Promise<void> {
    if (!this.inputs?.texts) await this.readInputs();
    const texts = this.inputs!.texts!;
    const stamps = this.inputs!.stamps;
    // Texts are handed over once: the facts (or the cache) keep what is needed of them.
    this.inputs!.texts = undefined;
    const loaded = await loadPages({
      files: [...texts.keys()],
      read: async (p) => {
        const t = stamps.has(p) ? await this.workspace.readFile(p) : texts.get(p);
        texts.delete(p);
        return t;
      },
      admits: (p, text) => this.admits(p, text),
      options: this.parseOptions(),
      // The fast scanner where it can prove it extracts what the full parse would, else micromark + mdast.
      parse: indexPage,
      cache: this.options.factsCache,
      parseMany: this.options.parseMany,
      onProgress,
    });
    for (const [p, facts] of loaded) this.pages.set(p, facts);
    // The texts read are not kept: the facts hold what the analysis needs.
    this.inputs = undefined;
    this.edited.clear();
    this.invalidateAll();
  }

  private async loadConfig(workspace: Workspace = this.workspace): Promise<void> {
    const text = this.options.configText ?? (await workspace.readFile(this.configFile));
    this.configText = text;
    this.configProblems = [];
    if (text === undefined) {
      this.config = mergeConfig(DEFAULT_CONFIG, this.options.overrides ?? {});
    } else {
      const loaded = parseConfig(text, this.options.overrides ?? {});
      this.config = loaded.config;
      const starts = computeLineStarts(text);
      this.configProblems = loaded.problems.map((p) => ({ file: this.configFile, range: spanToRange(starts, text.length, p.span), message: p.message }));
    }
    const matchers = this.config.exclude.map((g) => picomatch(g, { dot: true }));
    this.excluded = (p) => matchers.some((m) => m(p));
  }

  private detectRouting(): void {
    const { profile, routes } = this.config.site;
    this.routing = detectProfile({ files: this.files, texts: this.siteConfigs, ...(profile !== undefined ? { profile } : {}), ...(routes ? { routes } : {}) });
    for (const p of this.routing.problems) this.log(p);
  }

  private detectContentRoots(): string[] {
    if (this.config.contentRoots.length > 0) return this.config.contentRoots.map((r) => r.replace(/^\.\/?/, '').replace(/\/+$/, ''));
    const found = CONTENT_ROOT_CANDIDATES.filter((c) => [...this.files].some((f) => isUnder(f, c) && isPagePath(f)));
    // A nested candidate (src/content inside src) is kept; an outer one that contains another is not needed.
    return found.length > 0 ? found : [''];
  }

  /** The content roots `readInputs` would set now: the detected ones, with the profile's page folders when roots were detected. */
  private contentRootsNow(): string[] {
    const found = this.detectContentRoots();
    return found.includes('') ? found : [...new Set([...found, ...(this.routing?.profile.contentDirs ?? [])])];
  }

  isPageFile(path: string): boolean {
    return isPagePath(path) && this.contentRoots.some((r) => isUnder(path, r)) && !this.excluded(path) && path !== this.configFile;
  }

  private parseOptions(): ParseOptions {
    return { linkComponents: this.config.components.link, navigationComponents: this.config.components.navigation, relatedHeadings: this.config.relatedHeadings };
  }

  private addPage(path: string, text: string): void {
    if (!this.admits(path, text)) {
      this.pages.delete(path);
      return;
    }
    this.pages.set(path, indexPage(path, text, this.parseOptions()));
  }

  private admits(path: string, text: string): boolean {
    // The cap also holds for files that change after the initial listing (which checks sizes).
    // UTF-8 takes 1–3 bytes per UTF-16 unit: count only when the length alone does not decide.
    const bytes = text.length * 3 <= this.config.maxFileSize ? text.length : utf8Length(text);
    if (bytes > this.config.maxFileSize) {
      this.log(`Skipped ${path}: ${bytes} bytes is over the size cap of ${this.config.maxFileSize}.`);
      return false;
    }
    if (text.includes('\u0000')) {
      this.log(`Skipped ${path}: it contains NUL bytes (a binary file?).`);
      return false;
    }
    return true;
  }

  /** The model must be rebuilt; the findings are brought up to date by comparing it with the last one. */
  private invalidate(): void {
    this.cachedModel = undefined;
    this.relinkFrom = undefined;
  }

  /** Configuration, routing or Search Console data changed: every rule runs again on every page. */
  private invalidateAll(): void {
    this.invalidate();
    this.fullAnalysis = true;
  }

  private noteEdit(path: string, before: PageFacts | undefined): void {
    if (!this.edited.has(path)) this.edited.set(path, before);
  }

  /** What changed since the last model, to derive the next one from it; undefined when the next model is built from scratch. */
  private changesSinceModel(): { changed: Set<string>; fragments: Set<string>; routed: Set<string> } | undefined {
    if (this.cachedModel) {
      this.relinkFrom = { model: this.cachedModel, changed: new Set(), fragments: new Set(), routed: new Set() };
      this.cachedModel = undefined;
    }
    return this.relinkFrom;
  }

  /**
   * A page's text changed: when routing reads the same from it, the next model re-resolves only its
   * links (and the links into it when its headings changed); a page added, removed or with other
   * frontmatter is routed again (SiteModel `previous`).
   */
  private pageEdited(path: string, before: PageFacts | undefined): void {
    this.noteEdit(path, before);
    const after = this.pages.get(path);
    const changes = this.changesSinceModel();
    if (!changes) return;
    if (!before || !after || routeKey(before) !== routeKey(after)) {
      changes.routed.add(path);
      return;
    }
    changes.changed.add(path);
    // New headings or anchors change how links into the page resolve: those links are resolved again too.
    if (fragmentKey(before) !== fragmentKey(after)) changes.fragments.add(path);
  }

  /** A file (page or not) was added or removed: the next model updates the resolver for it. */
  private fileRouted(path: string): void {
    this.changesSinceModel()?.routed.add(path);
  }

  /** An open editor's text wins over the disk. */
  setOpenDocument(path: string, text: string): boolean {
    this.open.set(path, text);
    if (!this.isPageFile(path)) return false;
    this.files.add(path);
    const before = this.pages.get(path);
    this.addPage(path, text);
    this.pageEdited(path, before);
    return true;
  }

  async closeDocument(path: string): Promise<void> {
    this.open.delete(path);
    await this.fileChanged(path);
  }

  openText(path: string): string | undefined {
    return this.open.get(path);
  }

  /** A file was created or changed on disk. Returns true when the configuration changed. */
  async fileChanged(path: string): Promise<boolean> {
    if (path === this.configFile) {
      await this.load();
      return true;
    }
    if (searchConsoleFiles(this.config).includes(path)) {
      this.searchConsole = await loadSearchConsole(this.workspace, this.config, this.configFile, this.configText);
      this.invalidateAll();
      return false;
    }
    const text = this.open.get(path) ?? (await this.workspace.readFile(path));
    if (text === undefined) {
      this.fileDeleted(path);
      return false;
    }
    const isNew = !this.files.has(path);
    // Watchers report ignored files too (node_modules, .git, .gitignore'd drafts): keep them out.
    if (isNew && this.workspace.includes && !(await this.workspace.includes(path))) return false;
    this.files.add(path);
    // A first page under another candidate folder can change the detected content roots.
    if (isNew && isPagePath(path) && this.config.contentRoots.length === 0 && this.contentRootsNow().join('\n') !== this.contentRoots.join('\n')) {
      await this.load();
      return false;
    }
    const before = this.pages.get(path);
    if (this.isPageFile(path)) this.addPage(path, text);
    if (siteConfigFiles([path]).length > 0) {
      this.siteConfigs.set(path, text);
      this.detectRouting();
      this.invalidateAll();
    } else if (this.isPageFile(path) && !isNew) {
      this.pageEdited(path, before);
    } else {
      if (this.isPageFile(path)) this.noteEdit(path, before);
      this.fileRouted(path);
    }
    return false;
  }

  fileDeleted(path: string): void {
    if (path === this.configFile) {
      this.configProblems = [];
    }
    this.files.delete(path);
    const before = this.pages.get(path);
    if (before) this.noteEdit(path, before);
    this.pages.delete(path);
    if (this.searchConsole) this.searchConsole = dropSearchConsoleFile(this.searchConsole, path);
    if (path === this.configFile || searchConsoleFiles(this.config).includes(path)) this.invalidateAll();
    // A framework config file going away: rebuilt as before (the profile is kept until the next load).
    else if (siteConfigFiles([path]).length > 0) this.invalidate();
    else this.fileRouted(path);
  }

  model(): SiteModel {
    if (!this.cachedModel) {
      const m = new SiteModel(this.workspace.root, this.config, this.pages, this.files, this.contentRoots, this.routing?.profile, this.relinkFrom, this.options.incremental ?? true);
      this.relinkFrom = undefined;
      m.configProblems = this.configProblems;
      m.searchConsoleInput = this.searchConsole;
      this.cachedModel = m;
      // Unmatched export URLs are logged once, not per rebuild.
      const gsc = searchConsoleOf(m);
      const unmatched = gsc && unmatchedSummary(gsc);
      if (unmatched && unmatched !== this.loggedUnmatched) this.log(unmatched);
      this.loggedUnmatched = unmatched;
    }
    return this.cachedModel;
  }

  /**
   * Brings the findings up to date with the pages: page and cluster rules for what changed since the
   * last run, and the site rules when `site` is set (they are otherwise marked stale). Returns the
   * files whose findings changed.
   */
  refresh(options: { site: boolean }): Set<string> {
    const model = this.model();
    const prev = this.analyzedModel;
    let scope: AnalysisScope | 'all';
    if (!prev || this.fullAnalysis) scope = 'all';
    else if (prev === model && this.edited.size === 0) scope = { files: [], clusters: [], site: options.site && this.siteStale, gone: [] };
    else scope = { ...affected(prev, model, this.edited, this.routing?.profile), site: options.site, gone: [...this.edited.keys()].filter((f) => !model.pages.has(f)) };
    // Nothing to re-check, unless pages are gone: their findings go with them (Analysis.run drops them).
    const idle = scope !== 'all' && !scope.site && scope.files.length + scope.clusters.length === 0 && ![...this.edited.keys()].some((f) => !model.pages.has(f));
    if (scope !== 'all' && !scope.site && !idle) this.siteStale = true;
    if (scope === 'all' || scope.site) this.siteStale = false;
    this.lastScope = scope === 'all' ? 'all' : { files: scope.files.length, clusters: scope.clusters.length, site: scope.site };
    const changed = idle ? new Set<string>() : this.analysis.run(model, scope);
    for (const f of this.analysis.failures) this.log(`Rule ${f.rule} failed: ${f.error}`);
    this.analyzedModel = model;
    this.fullAnalysis = false;
    this.edited.clear();
    for (const f of changed) this.unpublished.add(f);
    return changed;
  }

  /**
   * The site rules as a job in steps, for a caller that must stay responsive (the language server
   * runs a few milliseconds of it per turn of its event loop): the page and cluster rules are brought
   * up to date first, then each `step` runs until `pause()` returns true or the site rules are done.
   * A step returns 'done', 'paused', or 'stale' when the pages changed since the job started (the job
   * is then abandoned: rules that completed keep their findings, the others keep their previous ones,
   * and the site rules stay stale). Files whose findings changed are queued for `takeChangedFiles`
   * as each rule completes. Undefined when the site rules are up to date.
   */
  siteRulesJob(): { step(pause: () => boolean): 'done' | 'paused' | 'stale' } | undefined {
    this.refresh({ site: false });
    if (!this.siteRulesStale) return undefined;
    const model = this.model();
    const changed = new Set<string>();
    // Pages gone were swept by the refresh above.
    const steps = this.analysis.steps(model, { files: [], clusters: [], site: true, gone: [] }, changed);
    const current = () => this.cachedModel === model && this.analyzedModel === model && this.edited.size === 0 && !this.fullAnalysis;
    let finished = false;
    return {
      step: (pause) => {
        if (finished) return 'done';
        if (!current()) return 'stale';
        try {
          for (;;) {
            if (steps.next().done) {
              finished = true;
              this.siteStale = false;
              for (const f of this.analysis.failures) this.log(`Rule ${f.rule} failed: ${f.error}`);
              return 'done';
            }
            if (pause()) return 'paused';
          }
        } finally {
          for (const f of changed) this.unpublished.add(f);
          changed.clear();
        }
      },
    };
  }

  /** True when the site rules have not run since the last change (`refresh({ site: true })` runs them). */
  get siteRulesStale(): boolean {
    return this.siteStale || this.fullAnalysis || this.edited.size > 0;
  }

  /** Files whose findings changed since the last call (for publishing), emptied by the call. */
  takeChangedFiles(): string[] {
    const out = [...this.unpublished];
    this.unpublished.clear();
    return out;
  }

  /** The current findings on one file (page and cluster rules up to date; site rules as of their last run). */
  findingsOf(file: string): Finding[] {
    this.refresh({ site: false });
    return this.analysis.findingsOf(file);
  }

  /** Files that have findings. */
  filesWithFindings(): string[] {
    return this.analysis.files();
  }

  /** Every finding, with every rule up to date. */
  analyze(): AnalysisResult {
    this.refresh({ site: true });
    return this.analysis.result();
  }
}

/** What routing reads from a page to give it URLs (core/routing: frontmatter). */
function routeKey(p: PageFacts): string {
  return JSON.stringify(p.frontmatter);
}

/** What fragment resolution reads from a page: heading ids and other anchors. */
function fragmentKey(p: PageFacts): string {
  return JSON.stringify([p.headings.map((h) => [h.slug, h.explicitId ?? null]), p.anchors]);
}

/** What rules read from a page they link to: title, headings, frontmatter (keywords, draft, role). */
function publicKey(p: PageFacts | undefined): string {
  return p ? JSON.stringify([p.title, p.h1, p.headings.map((h) => h.text), p.frontmatter]) : '';
}

function clusterKey(model: SiteModel, file: string): string {
  const c = model.clusterOf(file);
  const r = model.roles.get(file);
  return `${c?.cluster.id ?? ''}\0${c?.member.role ?? ''}\0${c?.isTarget ?? ''}\0${r ? JSON.stringify(r) : ''}`;
}

/**
 * The pages and clusters whose findings an edit can change, from the model before and after it.
 * Page rules read a page, its resolved links, the pages they reach and the links into it; cluster
 * rules read one cluster's members. See RuleScope (core/rules/types.ts).
 */
export function affected(prev: SiteModel, next: SiteModel, edited: ReadonlyMap<string, PageFacts | undefined>, profile?: SiteProfile): { files: string[]; clusters: Cluster[] } {
  const files = new Set<string>();
  const targetsOf = (model: SiteModel, f: string) => {
    for (const l of model.outbound.get(f) ?? []) if (l.res.kind === 'page') files.add(l.res.file);
  };
  const sourcesOf = (f: string) => {
    for (const l of prev.inbound.get(f) ?? []) files.add(l.from);
    for (const l of next.inbound.get(f) ?? []) files.add(l.from);
  };
  for (const [f, before] of edited) {
    files.add(f);
    targetsOf(prev, f);
    targetsOf(next, f);
    if (publicKey(before) !== publicKey(next.pages.get(f))) sourcesOf(f);
  }
  // Links resolved again (all of them after a rebuild): a changed resolution touches its page and
  // both ends of the link (the pages its other links reach see the same links into them).
  // A model derived from `prev` says which pages' lists it did not share with it; others: all pages.
  const relinked = next.relinked?.from === prev.serial ? next.relinked.pages : next.outbound.keys();
  for (const f of relinked) {
    const out = next.outbound.get(f);
    if (!out) continue;
    const old = prev.outbound.get(f);
    if (old === out || edited.has(f)) continue;
    if (!old || old.length !== out.length) {
      files.add(f);
      targetsOf(prev, f);
      targetsOf(next, f);
      continue;
    }
    for (let i = 0; i < out.length; i++) {
      const a = old[i]!.res;
      const b = out[i]!.res;
      if (sameResolution(a, b)) continue;
      files.add(f);
      if (a.kind === 'page') files.add(a.file);
      if (b.kind === 'page') files.add(b.file);
    }
  }
  if (prev.resolver !== next.resolver || prev.clusterEpoch !== next.clusterEpoch) {
    // Roles, cluster membership and cluster keywords change with frontmatter, files and routing.
    for (const f of next.pages.keys()) if (clusterKey(prev, f) !== clusterKey(next, f)) { files.add(f); sourcesOf(f); }
    const keywords = new Map(prev.clusters.map((c) => [c.id, JSON.stringify(c.keywords)]));
    for (const c of next.clusters) {
      if (keywords.get(c.id) === JSON.stringify(c.keywords)) continue;
      for (const m of [...c.members, ...c.targetMembers]) { files.add(m.file); sourcesOf(m.file); }
    }
  } else {
    // Derived models (same cluster build) differ in roles and membership only for routed pages, which are edited.
    for (const f of edited.keys()) if (clusterKey(prev, f) !== clusterKey(next, f)) sourcesOf(f);
  }
  for (const e of prev.entryPages) if (!next.entryPages.has(e)) files.add(e);
  for (const e of next.entryPages) if (!prev.entryPages.has(e)) files.add(e);
  // A page added, removed or moved (frontmatter) in one locale changes cross-locale advice on links to
  // its counterparts in the other locales (the default one included).
  if (profile?.counterpartsOf) {
    const moved = [...edited].filter(([f, before]) => { const after = next.pages.get(f); return !before || !after || routeKey(before) !== routeKey(after); }).map(([f]) => f);
    if (moved.length > 0) {
      const locales = localesOf(profile, next, moved);
      for (const f of moved) for (const loc of locales) for (const c of profile.counterpartsOf(f, loc)) sourcesOf(c);
    }
  }
  const ids = new Set<string>();
  for (const f of files) {
    const a = prev.clusterOf(f);
    const b = next.clusterOf(f);
    if (a) ids.add(a.cluster.id);
    if (b) ids.add(b.cluster.id);
  }
  return { files: [...files].filter((f) => next.pages.has(f)), clusters: next.clusters.filter((c) => ids.has(c.id)) };
}
/** Locales of the pages seen with a profile (kept per profile: a page added later adds its own). */
const localesSeen = new WeakMap<SiteProfile, Set<string>>();

function localesOf(profile: SiteProfile, model: SiteModel, more: Iterable<string>): Set<string> {
  let set = localesSeen.get(profile);
  if (!set) {
    set = new Set(profile.localePrefixes ?? []);
    if (profile.localeOf) for (const f of model.pages.keys()) { const l = profile.localeOf(f); if (l !== undefined) set.add(l); }
    localesSeen.set(profile, set);
  }
  if (profile.localeOf) for (const f of more) { const l = profile.localeOf(f); if (l !== undefined) set.add(l); }
  return set;
}

/** UTF-8 byte length without Node's Buffer (the core runs anywhere). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
