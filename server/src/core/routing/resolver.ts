import { basename, dirname, joinPath } from '../paths';
import type { PageFacts } from '../types';
import { PAGE_EXTENSIONS } from '../workspace';
import type { Route, RoutingContext, SiteProfile } from './profile';
import { parseLiquidTag } from './shortcodes';

export type Resolution =
  | { kind: 'page'; file: string; fragment?: string; fragmentFound?: boolean; via: string }
  | { kind: 'asset'; file: string; via: string }
  | { kind: 'external'; url: string }
  | { kind: 'other-scheme'; scheme: string }
  | { kind: 'broken'; reason: string; tried: string[]; fragment?: string }
  | { kind: 'outside'; reason: string }
  | { kind: 'non-crawlable'; reason: string };

export interface ResolverOptions {
  baseUrl?: string;
  staticDirs: readonly string[];
  contentRoots: readonly string[];
}

const INDEX_FILES = ['index', '_index', 'README', 'readme'];

/** Decodes percent-escapes; a malformed escape leaves the text as written. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Canonical form of a site path for lookups: decoded, no index.html, no trailing slash. */
export function normalizeSitePath(path: string): string {
  let p = safeDecode(path).replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

interface UrlEntry { file: string; via: string }

/** Distinct explanations a resolver keeps (see `Resolver.sharedVia`). */
const MAX_VIAS = 100_000;

/**
 * The lookup key a resolution depending on the set of routed URLs as a whole records (routes with
 * parameters, `{% post_url %}`): such links are resolved again whenever a page is added or removed.
 */
export const ANY_PAGE_KEY = '*';

/**
 * The keys under which a resolution that looked up `file` (a page or any workspace file) was
 * recorded by `Resolver.resolveTracked`: the file itself, the path written without its page
 * extension, the folder it is the index page of. A file added or removed can change only the
 * resolutions recorded under these keys (with its URLs' keys, see `Resolver.update`).
 */
export function fileKeys(file: string): string[] {
  const keys = [file];
  for (const e of PAGE_EXTENSIONS) if (file.endsWith(e)) keys.push(file.slice(0, -e.length));
  const name = basename(file);
  if (INDEX_FILES.some((n) => PAGE_EXTENSIONS.some((e) => name === `${n}${e}`))) keys.push(dirname(file));
  return keys;
}

/**
 * Resolves link destinations to pages and files. Only the in-memory index of workspace files is
 * consulted: a destination outside the workspace is reported, never read or stat'ed.
 *
 * `resolveTracked` also records what a resolution looked up (lowercased site URLs, workspace paths,
 * `ANY_PAGE_KEY`), and `update` brings the URL indexes up to date after pages were added, removed
 * or re-routed, returning the keys whose answer changed: together they let the model re-resolve
 * only the links a change of pages can affect (core/model.ts).
 */
export class Resolver {
  /** Site URL (normalised) → the page served there: of the pages claiming it, the first in sorted file order. */
  private readonly urls = new Map<string, UrlEntry>();
  private readonly urlsCi = new Map<string, UrlEntry>();
  /** The other claims of a URL claimed by more than one page, in sorted file order (for `update`). */
  private readonly urlsOthers = new Map<string, UrlEntry[]>();
  private readonly urlsCiOthers = new Map<string, UrlEntry[]>();
  /** Each routed page's URL keys, in route order (for `update`). */
  private readonly keysOf = new Map<string, string[]>();
  private readonly canonical = new Map<string, string>();
  /** Explanations (`via`) shared by the resolutions that give the same one. */
  private readonly vias = new Map<string, string>();
  /** Keys looked up by the resolution in progress (`resolveTracked`). */
  private tracking: string[] | undefined;
  /** URLs served without a page (Docusaurus generated indexes), resolved as their declaring file. */
  private readonly virtual = new Map<string, UrlEntry>();
  private readonly virtualPrefixes: { key: string; entry: UrlEntry }[] = [];
  private readonly staticDirs: readonly string[];
  private readonly basePath: string;
  private readonly baseOrigin: string | undefined;
  readonly ctx: RoutingContext;

  constructor(
    private readonly pages: ReadonlyMap<string, PageFacts>,
    private readonly files: ReadonlySet<string>,
    readonly profile: SiteProfile,
    private readonly options: ResolverOptions,
  ) {
    let basePath = '';
    if (options.baseUrl) {
      try {
        const u = new URL(options.baseUrl);
        this.baseOrigin = u.origin.toLowerCase();
        basePath = u.pathname.replace(/\/+$/, '');
      } catch {
        this.baseOrigin = undefined;
      }
    }
    // A base path from the framework config applies when pillarlink.json gives none.
    if (basePath === '' && profile.basePath) basePath = normalizeSitePath(profile.basePath).replace(/^\/$/, '');
    this.basePath = basePath;
    this.ctx = { contentRoots: options.contentRoots, basePath };
    for (const v of profile.virtualRoutes?.() ?? []) {
      const key = normalizeSitePath(v.url);
      if (!this.virtual.has(key)) this.virtual.set(key, { file: v.file, via: v.via });
      if (v.prefix) this.virtualPrefixes.push({ key: key === '/' ? '/' : `${key}/`, entry: { file: v.file, via: v.via } });
    }
    this.staticDirs = [...new Set([...options.staticDirs, ...(profile.staticDirs ?? [])])];
    // Stable order: sorted files, so a URL claimed twice always maps to the same page.
    for (const file of [...pages.keys()].sort()) this.addPage(pages.get(file)!);
  }

  private addPage(page: PageFacts, routes: readonly Route[] = this.profile.routesFor(page, this.ctx)): void {
    const keys: string[] = [];
    const cis: string[] = [];
    for (const [i, r] of routes.entries()) {
      const key = normalizeSitePath(r.url);
      const ci = key.toLowerCase();
      if (i === 0) this.canonical.set(page.file, key === '/' ? '/' : `${key}/`);
      // A page's first route at a URL is its claim there (pages have one or two routes).
      if (!keys.includes(key)) claim(this.urls, this.urlsOthers, key, { file: page.file, via: r.via });
      if (!cis.includes(ci)) claim(this.urlsCi, this.urlsCiOthers, ci, { file: page.file, via: `${r.via}, matched case-insensitively` });
      keys.push(key);
      cis.push(ci);
    }
    this.keysOf.set(page.file, keys);
  }

  private removePage(file: string): void {
    const keys = this.keysOf.get(file);
    if (!keys) return;
    this.keysOf.delete(file);
    this.canonical.delete(file);
    for (const key of keys) {
      release(this.urls, this.urlsOthers, key, file);
      release(this.urlsCi, this.urlsCiOthers, key.toLowerCase(), file);
    }
  }

  /** Who answers a URL exactly and case-insensitively (to tell whether `update` changed it). */
  private answerAt(key: string): string {
    const a = this.urls.get(key);
    const b = this.urlsCi.get(key.toLowerCase());
    return `${a ? `${a.file}\u0000${a.via}` : ''}\u0001${b ? `${b.file}\u0000${b.via}` : ''}`;
  }

  /**
   * Brings the indexes up to date after `files` were added, removed or changed (pages and their
   * routes are read from the live `pages` map; other files matter only through the live `files`
   * set). Returns the lookup keys whose answer may have changed: the URLs now answered by another
   * page (or none), the `fileKeys` of files that appeared or disappeared as pages or files, and
   * `ANY_PAGE_KEY` when a page came or went or a URL started or stopped being served. A resolution
   * that `resolveTracked` recorded under none of them is the same as before.
   */
  update(files: Iterable<string>): Set<string> {
    const dirty = new Set<string>();
    const changes: { file: string; page: PageFacts | undefined; routes: Route[] }[] = [];
    const before = new Map<string, { answer: string; served: boolean }>();
    const note = (key: string) => { if (!before.has(key)) before.set(key, { answer: this.answerAt(key), served: this.urls.has(key) }); };
    for (const file of files) {
      const page = this.pages.get(file);
      const routes = page ? this.profile.routesFor(page, this.ctx) : [];
      changes.push({ file, page, routes });
      for (const key of this.keysOf.get(file) ?? []) note(key);
      for (const r of routes) note(normalizeSitePath(r.url));
      const wasPage = this.keysOf.has(file);
      if (wasPage !== !!page) dirty.add(ANY_PAGE_KEY);
      // A page that stays a page is still found by its path; anything else changed how its path resolves.
      if (!(wasPage && page)) for (const k of fileKeys(file)) dirty.add(k);
    }
    for (const c of changes) this.removePage(c.file);
    for (const c of changes) if (c.page) this.addPage(c.page, c.routes);
    for (const [key, was] of before) {
      if (this.answerAt(key) !== was.answer) dirty.add(key.toLowerCase());
      // Routes with parameters answer according to the URLs served (servesPages).
      if (this.urls.has(key) !== was.served) dirty.add(ANY_PAGE_KEY);
    }
    if (dirty.size > 0) {
      this.servesCache.clear();
      this.postFiles = undefined;
    }
    return dirty;
  }

  /** The keys under which `resolveTracked` records lookups of a page's URLs (lowercased). */
  keysFor(file: string): string[] {
    return (this.keysOf.get(file) ?? []).map((k) => k.toLowerCase());
  }

  /** `resolve`, recording in `deps` the keys it looked up (see `update`). */
  resolveTracked(fromFile: string, rawUrl: string, deps: string[]): Resolution {
    this.tracking = deps;
    try {
      return this.resolve(fromFile, rawUrl);
    } finally {
      this.tracking = undefined;
    }
  }

  /** Records a lookup of a site URL (lowercased: exact and case-insensitive lookups share the key). */
  private lookedUpUrl(key: string): void {
    this.tracking?.push(key.toLowerCase());
  }

  /** Records a lookup of a workspace path (see `fileKeys`). */
  private lookedUpPath(path: string): void {
    this.tracking?.push(path);
  }

  /** The canonical site URL of a page (with a trailing slash), e.g. `/blog/post/`. */
  urlOf(file: string): string | undefined {
    return this.canonical.get(file);
  }

  resolve(fromFile: string, rawUrl: string): Resolution {
    const res = this.resolveUrl(fromFile, rawUrl);
    if ('via' in res) res.via = this.sharedVia(res.via);
    return res;
  }

  /**
   * One string for each explanation: links to a page by the same route explain it in the same words,
   * and on a large site a string per link is a tenth of the model (50k synthetic pages: 79 MB for 600k
   * links). Emptied when it grows past `MAX_VIAS` (routes with parameters can make many).
   */
  private sharedVia(via: string): string {
    const known = this.vias.get(via);
    if (known !== undefined) return known;
    if (this.vias.size >= MAX_VIAS) this.vias.clear();
    this.vias.set(via, via);
    return via;
  }

  private resolveUrl(fromFile: string, rawUrl: string): Resolution {
    const url = rawUrl.trim();
    if (url === '') return { kind: 'non-crawlable', reason: 'the link has no destination' };
    if (url === '#') return { kind: 'non-crawlable', reason: '"#" goes nowhere' };
    if (url.startsWith('#')) return this.withFragment({ kind: 'page', file: fromFile, via: 'fragment on the same page' }, url.slice(1));
    if (url.startsWith('{%')) return this.resolveLiquidTag(url);
    let path = url;
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
    if (scheme === 'javascript') return { kind: 'non-crawlable', reason: 'javascript: URLs are not followed by crawlers' };
    if (scheme === 'file') return { kind: 'outside', reason: 'file: URLs point at the local disk, not the site' };
    if (scheme === 'http' || scheme === 'https' || url.startsWith('//')) {
      let u: URL;
      try {
        u = new URL(url.startsWith('//') ? `https:${url}` : url);
      } catch {
        return { kind: 'broken', reason: 'the URL is malformed', tried: [] };
      }
      if (!this.baseOrigin || u.origin.toLowerCase() !== this.baseOrigin) return { kind: 'external', url };
      // With a base path (https://x.org/docs/), the rest of the origin is another site.
      if (this.basePath && u.pathname !== this.basePath && !u.pathname.startsWith(`${this.basePath}/`)) return { kind: 'external', url };
      path = u.pathname + u.search + u.hash;
    } else if (scheme !== undefined) {
      return { kind: 'other-scheme', scheme };
    }
    const hashAt = path.indexOf('#');
    const fragment = hashAt >= 0 ? path.slice(hashAt + 1) : undefined;
    if (hashAt >= 0) path = path.slice(0, hashAt);
    const q = path.indexOf('?');
    if (q >= 0) path = path.slice(0, q);
    const decoded = safeDecode(path);
    // `?page=2` (no path) is the same page, not its folder's index.
    if (decoded === '' && this.pages.has(fromFile)) {
      const same: Resolution = { kind: 'page', file: fromFile, via: 'query on the same page' };
      return fragment !== undefined && fragment !== '' ? this.withFragment(same, fragment) : same;
    }
    const tried: string[] = [];
    const res = decoded.startsWith('/') ? this.resolveAbsolute(decoded, tried, fromFile) : this.resolveRelative(fromFile, decoded, tried);
    if (res.kind === 'broken') return fragment !== undefined ? { ...res, fragment } : res;
    return fragment !== undefined && fragment !== '' ? this.withFragment(res, fragment) : res;
  }

  private withFragment(res: Resolution, fragment: string): Resolution {
    if (res.kind !== 'page') return res;
    const page = this.pages.get(res.file);
    const frag = safeDecode(fragment);
    const found = !!page && (page.headings.some((h) => h.slug === frag || h.explicitId === frag) || page.anchors.includes(frag));
    return { ...res, fragment: frag, fragmentFound: found };
  }

  private lookupFile(path: string | null, via: string, tried: string[]): Resolution | undefined {
    if (path === null) return undefined;
    this.lookedUpPath(path);
    const candidates = [path];
    if (!PAGE_EXTENSIONS.some((e) => path.toLowerCase().endsWith(e))) {
      for (const e of PAGE_EXTENSIONS) candidates.push(`${path}${e}`);
      for (const n of INDEX_FILES) for (const e of PAGE_EXTENSIONS) candidates.push(joinPath(path, `${n}${e}`) ?? '');
    }
    for (const c of candidates) {
      if (c === '' && path !== '') continue;
      if (this.pages.has(c)) return { kind: 'page', file: c, via };
      if (c !== '' && this.files.has(c)) return { kind: 'asset', file: c, via };
    }
    tried.push(path === '' ? '(workspace root)' : path);
    return undefined;
  }

  /** A file of a static folder served at a site path. */
  private staticFile(key: string): { file: string; via: string } | undefined {
    const rel = key.replace(/^\/+/, '');
    for (const dir of this.staticDirs) {
      const p = joinPath(dir, rel);
      if (p !== null) this.lookedUpPath(p);
      if (p !== null && this.files.has(p)) return { file: p, via: `static file in ${dir || '.'}/` };
    }
    return undefined;
  }

  /** The URL of a page-less route (generated index, code page), exact or under a prefix. */
  private virtualAt(key: string): UrlEntry | undefined {
    return this.virtual.get(key) ?? this.virtualPrefixes.find((p) => key.startsWith(p.key))?.entry;
  }

  /** File links (`x.md`, `/x.md`) looked up from the profile's content folders. */
  private fromFileLinkRoots(fromFile: string, path: string, tried: string[]): Resolution | undefined {
    if (!PAGE_EXTENSIONS.some((e) => path.toLowerCase().endsWith(e))) return undefined;
    for (const root of this.profile.fileLinkRoots?.(fromFile) ?? []) {
      if (root === dirname(fromFile) && !path.startsWith('/')) continue;
      const hit = this.lookupFile(joinPath(root, path), `file path from the content folder ${root || '.'}/ (${this.profile.name})`, tried);
      if (hit) return hit;
    }
    return undefined;
  }

  private resolveRelative(fromFile: string, path: string, tried: string[]): Resolution {
    for (const [prefix, dir] of this.profile.pathAliases ?? []) {
      if (!path.startsWith(prefix)) continue;
      const target = joinPath(dir, path.slice(prefix.length));
      const hit = target === null ? undefined : this.lookupFile(target, `${prefix} stands for ${dir || '.'}/ (${this.profile.name})`, tried);
      return hit ?? { kind: 'broken', reason: `no page or file at "${path}"`, tried };
    }
    const fileTarget = joinPath(dirname(fromFile), path);
    if (fileTarget === null) return { kind: 'outside', reason: `"${path}" climbs above the workspace root` };
    const byFile = this.lookupFile(fileTarget, 'relative file path', tried);
    if (byFile) return byFile;
    // Docusaurus and Hugo (relref) also look a file link up from the content folder.
    const fromRoots = this.fromFileLinkRoots(fromFile, path, tried);
    if (fromRoots) return fromRoots;
    // Pretty-URL sites resolve relative links against the page's URL, not its file.
    const base = this.canonical.get(fromFile);
    if (base) {
      const u = new URL(path, `http://site${base}`);
      const key = normalizeSitePath(u.pathname);
      this.lookedUpUrl(key);
      const hit = this.urls.get(key);
      if (hit) return { kind: 'page', file: hit.file, via: `relative to the page URL ${base} → ${key} (${hit.via})${this.noteOn(path)}` };
      const virt = this.virtualAt(key);
      if (virt) return { kind: 'asset', file: virt.file, via: `relative to the page URL ${base} → ${key} (${virt.via})` };
      tried.push(`site URL ${key} (relative to ${base})`);
    }
    return { kind: 'broken', reason: `no page or file at "${path}"`, tried };
  }

  /** Follows the profile's redirects (MDN _redirects.txt) to a page, case-insensitively. */
  private followRedirects(path: string, tried: string[]): Resolution | undefined {
    const redirects = this.profile.redirects;
    const rule = this.profile.redirect?.bind(this.profile);
    if ((!redirects || redirects.size === 0) && !rule) return undefined;
    const chain: string[] = [];
    const rules: string[] = [];
    let cur = normalizeSitePath(path);
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      const exact = redirects?.get(cur.toLowerCase());
      const ruled = exact === undefined ? rule?.(cur) : undefined;
      const next = exact ?? (typeof ruled === 'string' ? ruled : ruled?.to);
      if (next === undefined) break;
      chain.push(next);
      if (typeof ruled === 'object') rules.push(ruled.via);
      if (/^[a-z][a-z0-9+.-]*:/i.test(next) || next.startsWith('//')) return { kind: 'external', url: next };
      cur = normalizeSitePath(next.split(/[?#]/)[0]!);
      const how = () => describeRedirect(path, chain, rules, this.profile.redirectsSource);
      this.lookedUpUrl(cur);
      const hit = this.urls.get(cur) ?? this.urlsCi.get(cur.toLowerCase());
      if (hit) return { kind: 'page', file: hit.file, via: `${how()} (${hit.via})` };
      const virt = this.virtualAt(cur);
      if (virt) return { kind: 'asset', file: virt.file, via: `${how()} (${virt.via})` };
      const file = this.staticFile(cur);
      if (file) return { kind: 'asset', file: file.file, via: `${how()} (${file.via})` };
    }
    if (chain.length > 0) {
      const end = this.matchRoute(cur, tried);
      if (end) return { ...end, via: `${describeRedirect(path, chain, rules, this.profile.redirectsSource)} (${end.via})` };
      tried.push(`redirect ${normalizeSitePath(path)} → ${chain.join(' → ')} (no page there)`);
    }
    return undefined;
  }

  private resolveAbsolute(path: string, tried: string[], fromFile = ''): Resolution {
    const variants = [path];
    if (this.basePath && (path === this.basePath || path.startsWith(`${this.basePath}/`))) variants.unshift(path.slice(this.basePath.length) || '/');
    for (const v of variants) {
      const key = normalizeSitePath(v);
      this.lookedUpUrl(key);
      const hit = this.urls.get(key);
      if (hit) return { kind: 'page', file: hit.file, via: `site URL ${key} (${hit.via})${this.noteOn(path)}` };
      const virt = this.virtualAt(key);
      if (virt) return { kind: 'asset', file: virt.file, via: `site URL ${key} (${virt.via})` };
      tried.push(`site URL ${key}`);
    }
    const fromRoots = this.fromFileLinkRoots(fromFile, path, tried);
    if (fromRoots) return fromRoots;
    for (const v of variants) {
      const rel = v.replace(/^\/+/, '');
      for (const root of this.options.contentRoots) {
        const hit = this.lookupFile(joinPath(root, rel), `file under the content root ${root || '.'}/`, tried);
        if (hit) return hit;
      }
      for (const dir of this.staticDirs) {
        const p = joinPath(dir, rel);
        if (p !== null) this.lookedUpPath(p);
        if (p !== null && this.files.has(p)) return { kind: 'asset', file: p, via: `static file in ${dir}/` };
        if (p !== null) tried.push(p);
      }
      const hit = this.lookupFile(joinPath(rel), 'file path from the workspace root', tried);
      if (hit) return hit;
    }
    // (Recorded above: an exact and a case-insensitive lookup of a URL share its lowercased key.)
    for (const v of variants) {
      const ci = this.urlsCi.get(normalizeSitePath(v).toLowerCase());
      if (ci) return { kind: 'page', file: ci.file, via: `site URL ${normalizeSitePath(v)} (${ci.via})` };
    }
    const redirected = this.followRedirects(variants[0]!, tried);
    if (redirected) return redirected;
    const routed = this.matchRoute(normalizeSitePath(variants[0]!), tried);
    if (routed) return routed;
    return { kind: 'broken', reason: `no page is served at ${normalizeSitePath(variants[0]!)}`, tried };
  }

  /** A route served by code or with parameters (Next.js, Astro), after everything else. */
  private matchRoute(key: string, tried: string[]): { kind: 'page' | 'asset'; file: string; via: string } | undefined {
    if (!this.profile.matchRoute) return undefined;
    // Which route answers depends on the URLs pages are served at (servesPages).
    this.tracking?.push(ANY_PAGE_KEY);
    const m = this.profile.matchRoute(key, (prefix) => this.servesPages(prefix), tried);
    if (!m) {
      tried.push(`file-system routes of ${this.profile.name} for ${key}`);
      return undefined;
    }
    return { kind: m.isPage ? 'page' : 'asset', file: m.file, via: `site URL ${key} (${m.via})` };
  }

  private readonly servesCache = new Map<string, boolean>();

  /** Whether a page is routed at or under a URL prefix ('' for the whole site). */
  private servesPages(prefix: string): boolean {
    const key = normalizeSitePath(`${this.basePath}${prefix}`);
    let v = this.servesCache.get(key);
    if (v === undefined) {
      const under = key === '/' ? '/' : `${key}/`;
      v = false;
      for (const u of this.urls.keys()) if (u === key || u.startsWith(under)) { v = true; break; }
      this.servesCache.set(key, v);
    }
    return v;
  }

  /** The profile's remark on a link written this way (Astro trailingSlash), as a clause. */
  private noteOn(writtenPath: string): string {
    const note = this.profile.urlNote?.(writtenPath);
    return note ? `; ${note}` : '';
  }

  private postFiles: string[] | undefined;

  /** Jekyll's `{% link path %}` (a file from the site source) and `{% post_url name %}` (a post by name). */
  private resolveLiquidTag(url: string): Resolution {
    const tag = parseLiquidTag(url);
    if (!tag) return { kind: 'broken', reason: `"${url}" is not a {% link %} or {% post_url %} tag with a literal argument`, tried: [] };
    const root = this.profile.templateRoot ?? '';
    if (tag.tag === 'link') {
      const target = joinPath(root, tag.arg.replace(/^\/+/, ''));
      if (target === null) return { kind: 'outside', reason: `"${tag.arg}" climbs above the workspace root` };
      const via = `the Jekyll {% link %} tag: ${tag.arg} from the site source ${root || '.'}/`;
      this.lookedUpPath(target);
      if (this.pages.has(target)) return { kind: 'page', file: target, via };
      if (this.files.has(target)) return { kind: 'asset', file: target, via };
      return { kind: 'broken', reason: `no file at ${target} ({% link %} takes the path of a file from the site source ${root || '.'}/, with its extension)`, tried: [target] };
    }
    // Jekyll matches the post whose path ends with `[subdir/]name.<ext>` under a _posts folder.
    this.tracking?.push(ANY_PAGE_KEY);
    this.postFiles ??= [...this.pages.keys()].filter((f) => /(^|\/)_posts\//.test(f)).sort();
    const name = tag.arg.replace(/^\/+/, '');
    const re = new RegExp(`(^|/)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[^./]+$`);
    const hit = this.postFiles.find((f) => re.test(f.slice(f.lastIndexOf('_posts/') + '_posts/'.length)) || re.test(f));
    if (hit) return { kind: 'page', file: hit, via: `the Jekyll {% post_url %} tag: the post ${name} in ${dirname(hit)}/` };
    return { kind: 'broken', reason: `no post named ${name} in a _posts folder ({% post_url %} takes the post's file name without its extension)`, tried: [`_posts/**/${name}.*`] };
  }
}

/** Adds `file`'s claim on `key`: it serves the URL when it is the first claimant in sorted file order. */
function claim(winners: Map<string, UrlEntry>, others: Map<string, UrlEntry[]>, key: string, entry: UrlEntry): void {
  const cur = winners.get(key);
  if (!cur) { winners.set(key, entry); return; }
  let list = others.get(key);
  if (!list) others.set(key, (list = []));
  const [win, lose] = entry.file < cur.file ? [entry, cur] : [cur, entry];
  winners.set(key, win);
  let i = list.length;
  while (i > 0 && list[i - 1]!.file > lose.file) i--;
  list.splice(i, 0, lose);
}

/** Withdraws `file`'s claim on `key`; the next claimant, if any, serves the URL. */
function release(winners: Map<string, UrlEntry>, others: Map<string, UrlEntry[]>, key: string, file: string): void {
  const list = others.get(key);
  if (winners.get(key)?.file === file) {
    const next = list?.shift();
    if (next) winners.set(key, next);
    else winners.delete(key);
  } else if (list) {
    const i = list.findIndex((e) => e.file === file);
    if (i >= 0) list.splice(i, 1);
  }
  if (list && list.length === 0) others.delete(key);
}

/** "redirect /a → /b by _redirects.txt", or the rules' own words: "rewrite rule /a/:x → /b/:x of next.config.mjs: /a/1 → /b/1". */
function describeRedirect(path: string, chain: readonly string[], rules: readonly string[], source: string | undefined): string {
  const hops = `${normalizeSitePath(path)} → ${chain.join(' → ')}`;
  if (rules.length > 0) return `${rules.join(', then ')}: ${hops}`;
  return `redirect ${hops}${source ? ` by ${source}` : ''}`;
}

/** Hops followed through a redirect chain before giving up (a loop or a very long chain). */
const MAX_REDIRECTS = 10;

/** Human-readable explanation of a resolution, for hovers and `pillarlink explain`. */
export function explainResolution(res: Resolution): string {
  switch (res.kind) {
    case 'page': {
      const frag = res.fragment !== undefined ? (res.fragmentFound ? `; #${res.fragment} matches a heading` : `; #${res.fragment} matches no heading`) : '';
      return `Resolved to ${res.file} by ${res.via}${frag}.`;
    }
    case 'asset': return `Resolved to the file ${res.file} by ${res.via}.`;
    case 'external': return 'External link (not checked).';
    case 'other-scheme': return `A ${res.scheme}: link (not checked).`;
    case 'outside': return `Not followed: ${res.reason}.`;
    case 'non-crawlable': return `Not crawlable: ${res.reason}.`;
    case 'broken': return `Not resolved: ${res.reason}. Tried: ${res.tried.join(', ') || 'nothing'}.`;
  }
}
