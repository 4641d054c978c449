// Next.js routing of MDX/Markdown pages: app/**/page.mdx (folder = URL, route groups and private
// folders dropped) and pages/** (file = URL), with locale folders (`pages/<locale>/…`, nodejs.org style).
import { basename, dirname, joinPath, stripExtension } from '../paths';
import { literalString, literalStringArray, objectOfKey, stripJsComments, topLevel } from './configText';
import { folderUrl } from './generic';
import type { SiteProfile } from './profile';
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
  redirects?: RedirectRule[];
  redirectsFile?: string;
}

/** A Next.js-style redirect: `/:locale/about/releases` → `/:locale/about/previous-releases`. */
export interface RedirectRule { source: RegExp; destination: string }

/** `:name*` matches the rest of the path, `:name` one segment, `( … )` groups are regular expressions. */
export function redirectPattern(source: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const m = /^:([A-Za-z_]\w*)(\*)?/.exec(source.slice(i));
    if (m) {
      re += m[2] ? `(?<${m[1]}>.*)` : `(?<${m[1]}>[^/]+)`;
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

/** Rules of a `redirects.json` (`{ external: [...], internal: [...] }` or a bare array of `{ source, destination }`). */
export function parseRedirectRules(text: string): RedirectRule[] {
  let data: unknown;
  try { data = JSON.parse(text); } catch { return []; }
  const lists = Array.isArray(data) ? [data] : data && typeof data === 'object' ? Object.values(data as Record<string, unknown>).filter(Array.isArray) : [];
  const out: RedirectRule[] = [];
  for (const list of lists as unknown[][]) {
    for (const r of list) {
      const o = r as { source?: unknown; destination?: unknown };
      if (typeof o?.source !== 'string' || typeof o.destination !== 'string') continue;
      const source = redirectPattern(o.source);
      if (source) out.push({ source, destination: o.destination });
    }
  }
  return out;
}

function applyRedirect(rules: readonly RedirectRule[], path: string): string | undefined {
  for (const r of rules) {
    const m = r.source.exec(path);
    if (!m) continue;
    return r.destination.replace(/:([A-Za-z_]\w*)\*?/g, (whole, name: string) => m.groups?.[name] ?? whole);
  }
  return undefined;
}

/** Which routing folders exist under a site root. */
export function nextDirs(siteRoot: string, files: ReadonlySet<string>): { appDirs: string[]; pagesDirs: string[] } {
  const has = (dir: string) => { const d = joinPath(siteRoot, dir) ?? dir; for (const f of files) if (f.startsWith(`${d}/`)) return true; return false; };
  const appDirs = ['app', 'src/app'].filter(has).map((d) => joinPath(siteRoot, d) ?? d);
  const pagesDirs = ['pages', 'src/pages'].filter(has).map((d) => joinPath(siteRoot, d) ?? d);
  return { appDirs, pagesDirs };
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

export function readNextConfig(file: string, text: string, files: ReadonlySet<string>): NextSettings {
  const src = stripJsComments(text);
  const siteRoot = dirname(file);
  const { appDirs, pagesDirs } = nextDirs(siteRoot, files);
  const i18n = objectOfKey(src, 'i18n');
  const locales = (i18n ? literalStringArray(topLevel(i18n), 'locales') : undefined) ?? (pagesDirs[0] ? localeFolders(pagesDirs[0], files) : []);
  const defaultLocale = (i18n ? literalString(topLevel(i18n), 'defaultLocale') : undefined) ?? (locales.includes('en') ? 'en' : (locales[0] ?? 'en'));
  return { siteRoot, appDirs, pagesDirs, basePath: literalString(src, 'basePath') ?? '', locales, defaultLocale, source: file };
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
  return {
    name: 'nextjs',
    detectedBy: s.source,
    basePath: s.basePath,
    localePrefixes: s.locales.map((l) => l.toLowerCase()),
    localizesUnprefixedUrls: s.locales.length > 0,
    staticDirs: [joinPath(s.siteRoot, 'public') ?? 'public'],
    contentDirs: [...s.appDirs, ...s.pagesDirs],
    ...(s.redirectsFile ? { redirectsSource: s.redirectsFile } : {}),
    redirect(path) {
      const rules = s.redirects ?? [];
      if (rules.length === 0) return undefined;
      // The i18n middleware adds the locale before redirects apply: /about/releases → /en/about/releases.
      const first = path.split('/')[1]?.toLowerCase() ?? '';
      return applyRedirect(rules, path) ?? (locales.size > 0 && !locales.has(first) ? applyRedirect(rules, `/${s.defaultLocale}${path === '/' ? '' : path}`) : undefined);
    },
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
