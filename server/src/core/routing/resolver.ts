import { dirname, joinPath } from '../paths';
import type { PageFacts } from '../types';
import { PAGE_EXTENSIONS } from '../workspace';
import type { RoutingContext, SiteProfile } from './profile';
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

/**
 * Resolves link destinations to pages and files. Only the in-memory index of workspace files is
 * consulted: a destination outside the workspace is reported, never read or stat'ed.
 */
export class Resolver {
  private readonly urls = new Map<string, UrlEntry>();
  private readonly urlsCi = new Map<string, UrlEntry>();
  private readonly canonical = new Map<string, string>();
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

  private addPage(page: PageFacts): void {
    const routes = this.profile.routesFor(page, this.ctx);
    for (const [i, r] of routes.entries()) {
      const key = normalizeSitePath(r.url);
      if (i === 0) this.canonical.set(page.file, key === '/' ? '/' : `${key}/`);
      if (!this.urls.has(key)) this.urls.set(key, { file: page.file, via: r.via });
      const ci = key.toLowerCase();
      if (!this.urlsCi.has(ci)) this.urlsCi.set(ci, { file: page.file, via: `${r.via}, matched case-insensitively` });
    }
  }

  /** The canonical site URL of a page (with a trailing slash), e.g. `/blog/post/`. */
  urlOf(file: string): string | undefined {
    return this.canonical.get(file);
  }

  resolve(fromFile: string, rawUrl: string): Resolution {
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
        if (p !== null && this.files.has(p)) return { kind: 'asset', file: p, via: `static file in ${dir}/` };
        if (p !== null) tried.push(p);
      }
      const hit = this.lookupFile(joinPath(rel), 'file path from the workspace root', tried);
      if (hit) return hit;
    }
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
      if (this.pages.has(target)) return { kind: 'page', file: target, via };
      if (this.files.has(target)) return { kind: 'asset', file: target, via };
      return { kind: 'broken', reason: `no file at ${target} ({% link %} takes the path of a file from the site source ${root || '.'}/, with its extension)`, tried: [target] };
    }
    // Jekyll matches the post whose path ends with `[subdir/]name.<ext>` under a _posts folder.
    this.postFiles ??= [...this.pages.keys()].filter((f) => /(^|\/)_posts\//.test(f)).sort();
    const name = tag.arg.replace(/^\/+/, '');
    const re = new RegExp(`(^|/)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[^./]+$`);
    const hit = this.postFiles.find((f) => re.test(f.slice(f.lastIndexOf('_posts/') + '_posts/'.length)) || re.test(f));
    if (hit) return { kind: 'page', file: hit, via: `the Jekyll {% post_url %} tag: the post ${name} in ${dirname(hit)}/` };
    return { kind: 'broken', reason: `no post named ${name} in a _posts folder ({% post_url %} takes the post's file name without its extension)`, tried: [`_posts/**/${name}.*`] };
  }
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
