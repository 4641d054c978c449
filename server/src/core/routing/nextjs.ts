// Next.js routing of MDX/Markdown pages: app/**/page.mdx (folder = URL, route groups and private
// folders dropped) and pages/** (file = URL), with locale folders (`pages/<locale>/…`, nodejs.org
// style); code routes (page.tsx, route.ts) and dynamic segments ([slug], [...slug], [[...slug]]);
// `redirects()`/`rewrites()` pairs written literally in next.config.* or JSON lists it imports; public/.
import { basename, dirname, joinPath, stripExtension } from '../paths';
import { importClosure, literalObjectsWith, literalString, literalStringArray, objectOfKey, stripJsComments, topLevel } from './configText';
import { type FileRoute, isDynamic, parseSegment, RouteMatcher } from './dynamic';
import { folderUrl } from './generic';
import type { RedirectHit, SiteProfile, VirtualRoute } from './profile';
import { isLocaleCode, relTo, urlJoin } from './util';

export interface NextSettings {
  /** Folder of next.config.* or of the app. */
  siteRoot: string;
  /** Routing folders relative to the workspace root, app router first. */
  appDirs: string[];
  pagesDirs: string[];
  basePath: string;
  locales: string[];
  defaultLocale: string;
  source: string;
  /** Routes served by code files or with parameters (page.tsx, route.ts, [slug]/page.mdx). */
  routeFiles?: FileRoute[];
  /** `redirects()`/`rewrites()` pairs and JSON redirect lists, in the order Next.js applies them. */
  redirects?: RedirectRule[];
}

/** A Next.js-style redirect or rewrite: `/:locale/about/releases` → `/:locale/about/previous-releases`. */
export interface RedirectRule {
  source: RegExp;
  destination: string;
  /** 'pair' for a JSON list whose use (redirect or rewrite) is decided by code. */
  kind?: 'redirect' | 'rewrite' | 'pair';
  /** The source as written and the file it comes from, for explanations. */
  pattern?: string;
  file?: string;
}

/**
 * A path-to-regexp source as Next.js reads it: `:name` one segment, `:name*` zero or more,
 * `:name+` one or more, `:name?` optional, `:name(regex)` constrained, `(a|b)` groups.
 */
export function redirectPattern(source: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const m = /^:([A-Za-z_]\w*)(\((?:[^()\\]|\\.|\([^()]*\))*\))?([*+?])?/.exec(source.slice(i));
    if (m) {
      const name = m[1]!;
      const seg = m[2] ? `(?:${m[2].slice(1, -1)})` : '[^/]+';
      const mod = m[3];
      // After a slash, an optional or repeated parameter takes the slash with it (`/learn/:path*` matches `/learn`).
      const slash = re.endsWith('/') && (mod === '*' || mod === '?');
      if (slash) re = re.slice(0, -1);
      if (mod === '*') re += slash ? `(?:/(?<${name}>${seg}(?:/${seg})*))?` : `(?<${name}>(?:${seg}(?:/${seg})*)?)`;
      else if (mod === '+') re += `(?<${name}>${seg}(?:/${seg})*)`;
      else if (mod === '?') re += slash ? `(?:/(?<${name}>${seg}))?` : `(?<${name}>${seg})?`;
      else re += `(?<${name}>${seg})`;
      i += m[0].length - 1;
    } else if (c === '(' || c === ')' || c === '|') re += c;
    else re += c.replace(/[.*+?^${}[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re.replace(/\/$/, '')}/?$`);
  } catch {
    return undefined;
  }
}

function ruleOf(o: { source?: unknown; destination?: unknown; has?: unknown; missing?: unknown }, kind: RedirectRule['kind'], file: string | undefined): RedirectRule | undefined {
  // `has`/`missing` make a rule depend on headers, cookies or the query: not decidable from a link.
  if (typeof o.source !== 'string' || typeof o.destination !== 'string' || o.has !== undefined || o.missing !== undefined) return undefined;
  const source = redirectPattern(o.source);
  return source ? { source, destination: o.destination, kind, pattern: o.source, ...(file !== undefined ? { file } : {}) } : undefined;
}

/** Rules of a JSON list (`{ external: [...], internal: [...] }`, `{ redirects: [...] }` or a bare array of `{ source, destination }`). */
export function parseRedirectRules(text: string, file?: string): RedirectRule[] {
  let data: unknown;
  try { data = JSON.parse(text); } catch { return []; }
  const out: RedirectRule[] = [];
  const walk = (v: unknown, key: string, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      const kind = /^rewrites?$|^(beforeFiles|afterFiles|fallback)$/.test(key) ? 'rewrite' : /^redirects?$/.test(key) ? 'redirect' : 'pair';
      for (const r of v) {
        const rule = r && typeof r === 'object' ? ruleOf(r as Record<string, unknown>, kind, file) : undefined;
        if (rule) out.push(rule);
      }
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, k, depth + 1);
  };
  walk(data, '', 0);
  return out;
}

/**
 * Literal `{ source: '…', destination: '…' }` objects of a JS/TS module (next.config's
 * `async redirects() { return [...] }` and `rewrites()`); computed ones are skipped.
 */
export function literalRedirectRules(file: string, text: string): RedirectRule[] {
  const src = stripJsComments(text);
  const out: RedirectRule[] = [];
  for (const { value, start } of literalObjectsWith(src, ['source', 'destination'])) {
    const before = src.slice(0, start);
    const kind = before.lastIndexOf('rewrites') > before.lastIndexOf('redirects') ? 'rewrite' : 'redirect';
    const rule = ruleOf(value, kind, file);
    if (rule) out.push(rule);
  }
  return out;
}

/** Redirects and rewrites of a Next.js config and the modules it imports (JSON lists included). */
export function nextRedirectRules(configFile: string, texts: ReadonlyMap<string, string>, files: ReadonlySet<string>): RedirectRule[] {
  const out: RedirectRule[] = [];
  for (const f of importClosure(configFile, texts, files)) {
    const text = texts.get(f);
    if (text === undefined) continue;
    out.push(...(f.endsWith('.json') ? parseRedirectRules(text, f) : literalRedirectRules(f, text)));
  }
  return out;
}

function applyRedirect(rules: readonly RedirectRule[], path: string): RedirectHit | undefined {
  for (const r of rules) {
    const m = r.source.exec(path);
    if (!m) continue;
    const to = r.destination.replace(/:([A-Za-z_]\w*)[*+?]?/g, (whole, name: string) => (m.groups && name in m.groups ? (m.groups[name] ?? '') : whole)).replace(/([^:])\/{2,}/g, '$1/');
    const word = r.kind === 'rewrite' ? 'rewrite' : r.kind === 'pair' ? 'rule' : 'redirect';
    return { to, via: `${word} ${r.pattern ?? r.source.source} → ${r.destination}${r.file ? ` of ${r.file}` : ''}` };
  }
  return undefined;
}

const ROUTE_CODE = /\.(tsx|ts|jsx|js|mdx|md)$/;

/**
 * The file-system routes of the app and pages folders that have no fixed Markdown URL: code pages
 * (page.tsx, route.ts, pages/x.tsx) and pages with parameters ([slug]/page.mdx, pages/[id].md).
 */
export function nextRouteFiles(appDirs: readonly string[], pagesDirs: readonly string[], files: ReadonlySet<string>): FileRoute[] {
  const out: FileRoute[] = [];
  for (const f of [...files].sort()) {
    if (!ROUTE_CODE.test(f) || f.includes('node_modules/')) continue;
    const app = appDirs.find((d) => relTo(f, d) !== undefined);
    if (app !== undefined) {
      const rel = relTo(f, app)!;
      const name = basename(rel);
      if (!/^(page|route)\.(tsx|ts|jsx|js|mdx|md)$/.test(name)) continue;
      const raw = dirname(rel).split('/').filter((x) => x !== '');
      // Private folders are not routed; intercepting routes ((.)photo) only render inside another page.
      if (raw.some((x) => x.startsWith('_') || /^\(\.+\)/.test(x))) continue;
      const segments = raw.filter((x) => !/^\(.*\)$/.test(x) && !x.startsWith('@')).map(parseSegment);
      const isPage = /\.mdx?$/.test(name);
      // Markdown pages without parameters have their URL from routesFor.
      if (isPage && !isDynamic(segments)) continue;
      out.push({ file: f, segments, where: `the Next.js app router ${app}/`, isPage });
      continue;
    }
    const pages = pagesDirs.find((d) => relTo(f, d) !== undefined);
    if (pages === undefined) continue;
    const rel = stripExtension(relTo(f, pages)!);
    const raw = rel.split('/');
    if (raw.some((x) => x.startsWith('_')) || /(^|\/)__tests__\/|\.(test|spec)$/.test(rel)) continue;
    if (raw[raw.length - 1] === 'index') raw.pop();
    const segments = raw.map(parseSegment);
    const isPage = /\.mdx?$/.test(f);
    if (isPage && !isDynamic(segments)) continue;
    out.push({ file: f, segments, where: `the Next.js pages router ${pages}/`, isPage });
  }
  return out;
}

/** Which routing folders exist under a site root. */
export function nextDirs(siteRoot: string, files: ReadonlySet<string>): { appDirs: string[]; pagesDirs: string[]; routeFiles: FileRoute[] } {
  const has = (dir: string) => { const d = joinPath(siteRoot, dir) ?? dir; for (const f of files) if (f.startsWith(`${d}/`)) return true; return false; };
  const appDirs = ['app', 'src/app'].filter(has).map((d) => joinPath(siteRoot, d) ?? d);
  const pagesDirs = ['pages', 'src/pages'].filter(has).map((d) => joinPath(siteRoot, d) ?? d);
  return { appDirs, pagesDirs, routeFiles: nextRouteFiles(appDirs, pagesDirs, files) };
}

/** Locale folders directly under a pages folder: most children are locale codes and one is the default. */
export function localeFolders(pagesDir: string, files: ReadonlySet<string>): string[] {
  const children = new Set<string>();
  for (const f of files) {
    const rel = relTo(f, pagesDir);
    if (rel !== undefined && rel.includes('/')) children.add(rel.split('/')[0]!);
  }
  const locales = [...children].filter(isLocaleCode);
  return locales.length >= 2 && locales.length >= children.size * 0.8 ? locales.sort() : [];
}

export function readNextConfig(file: string, text: string, files: ReadonlySet<string>, texts: ReadonlyMap<string, string> = new Map()): NextSettings {
  const src = stripJsComments(text);
  const siteRoot = dirname(file);
  const { appDirs, pagesDirs, routeFiles } = nextDirs(siteRoot, files);
  const i18n = objectOfKey(src, 'i18n');
  const locales = (i18n ? literalStringArray(topLevel(i18n), 'locales') : undefined) ?? (pagesDirs[0] ? localeFolders(pagesDirs[0], files) : []);
  const defaultLocale = (i18n ? literalString(topLevel(i18n), 'defaultLocale') : undefined) ?? (locales.includes('en') ? 'en' : (locales[0] ?? 'en'));
  const redirects = nextRedirectRules(file, new Map([...texts, [file, text]]), files);
  return { siteRoot, appDirs, pagesDirs, routeFiles, basePath: literalString(src, 'basePath') ?? '', locales, defaultLocale, source: file, redirects };
}

const DYNAMIC = /^\[.*\]$/;

export function nextjsProfile(s: NextSettings): SiteProfile {
  const locales = new Set(s.locales.map((l) => l.toLowerCase()));
  const split = (segs: string[]) => {
    const first = segs[0];
    return first !== undefined && locales.has(first.toLowerCase()) ? { locale: first, segs: segs.slice(1) } : { locale: undefined, segs };
  };
  function place(file: string): { dir: string; kind: 'app' | 'pages'; rel: string } | undefined {
    for (const dir of s.appDirs) { const rel = relTo(file, dir); if (rel !== undefined) return { dir, kind: 'app', rel }; }
    for (const dir of s.pagesDirs) { const rel = relTo(file, dir); if (rel !== undefined) return { dir, kind: 'pages', rel }; }
    return undefined;
  }
  const routeFiles = s.routeFiles ?? [];
  // Code routes with a fixed URL answer like pages; the others are matched after redirects, as Next.js does.
  const fixed = routeFiles.filter((r) => !isDynamic(r.segments));
  const matcher = new RouteMatcher(routeFiles.filter((r) => isDynamic(r.segments)), { locales, defaultLocale: s.defaultLocale.toLowerCase() });
  const stripBase = (path: string) => (s.basePath && (path === s.basePath || path.startsWith(`${s.basePath}/`)) ? path.slice(s.basePath.length) || '/' : path);
  return {
    name: 'nextjs',
    detectedBy: s.source,
    basePath: s.basePath,
    localePrefixes: s.locales.map((l) => l.toLowerCase()),
    localizesUnprefixedUrls: s.locales.length > 0,
    staticDirs: [joinPath(s.siteRoot, 'public') ?? 'public'],
    contentDirs: [...s.appDirs, ...s.pagesDirs],
    redirect(path): RedirectHit | undefined {
      const rules = s.redirects ?? [];
      if (rules.length === 0) return undefined;
      // The i18n middleware adds the locale before redirects apply: /about/releases → /en/about/releases.
      const first = path.split('/')[1]?.toLowerCase() ?? '';
      return applyRedirect(rules, path) ?? (locales.size > 0 && !locales.has(first) ? applyRedirect(rules, `/${s.defaultLocale}${path === '/' ? '' : path}`) : undefined);
    },
    virtualRoutes(): VirtualRoute[] {
      return fixed.map((r) => ({ url: urlJoin(s.basePath, ...r.segments.map((x) => (x.kind === 'static' ? x.value : ''))), file: r.file, via: `${/route\.[jt]sx?$/.test(r.file) ? 'route handler' : 'code page'} ${r.file} of ${r.where}` }));
    },
    ...(matcher.size > 0 ? {
      matchRoute(path: string, servesPages: (prefix: string) => boolean, tried: string[]) {
        const m = matcher.match(stripBase(path), servesPages, tried);
        return m ? { file: m.route.file, via: m.via, isPage: m.route.isPage } : undefined;
      },
    } : {}),
    routesFor(page) {
      const pl = place(page.file);
      if (!pl) return [{ url: folderUrl(page.file, ''), via: `folder routing (${page.file} is in no Next.js app/ or pages/ folder)` }];
      let segs: string[];
      if (pl.kind === 'app') {
        // Only page.mdx is a route in the app router; other MDX files are imported components.
        if (!/^page\.(mdx|md)$/i.test(basename(pl.rel))) return [];
        segs = dirname(pl.rel).split('/').filter((x) => x !== '');
        if (segs.some((x) => x.startsWith('_'))) return [];
        segs = segs.filter((x) => !/^\(.*\)$/.test(x) && !x.startsWith('@'));
      } else {
        segs = stripExtension(pl.rel).split('/');
        if (segs[segs.length - 1]?.toLowerCase() === 'index') segs.pop();
        if (segs.some((x) => x.startsWith('_'))) return [];
      }
      const { locale, segs: rest } = split(segs);
      // A dynamic segment ([slug]) stands for many URLs; it has no fixed one.
      if (rest.some((x) => DYNAMIC.test(x) && x !== '[locale]')) return [];
      const path = rest.filter((x) => x !== '[locale]');
      const where = `Next.js ${pl.kind === 'app' ? 'app router' : 'pages router'} ${pl.dir}/`;
      if (locale === undefined) return [{ url: urlJoin(s.basePath, ...path), via: where }];
      if (locale.toLowerCase() === s.defaultLocale.toLowerCase()) {
        // The default locale is served without a prefix; the prefixed form works too.
        return [
          { url: urlJoin(s.basePath, ...path), via: `${where}, default locale ${locale} without prefix` },
          { url: urlJoin(s.basePath, locale, ...path), via: `${where}, locale ${locale}` },
        ];
      }
      return [{ url: urlJoin(s.basePath, locale, ...path), via: `${where}, locale ${locale}` }];
    },
    localeOf(file) {
      if (locales.size === 0) return undefined;
      const pl = place(file);
      return pl ? split(pl.rel.split('/')).locale : undefined;
    },
    counterpartsOf(file, locale) {
      const pl = place(file);
      if (!pl) return [];
      const segs = pl.rel.split('/');
      const cur = split(segs).locale;
      if (cur === undefined) return [];
      return [joinPath(pl.dir, locale, ...segs.slice(1)) ?? ''];
    },
  };
}
