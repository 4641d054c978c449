// Astro routing: Starlight docs (src/content/docs/** → path, slugified per segment; frontmatter
// slug), file-based src/pages/**, the `base` path and Starlight locales.
import { joinPath, stripExtension } from '../paths';
import { literalString, objectKeys, objectOfKey, stripJsComments, topLevel } from './configText';
import { folderUrl } from './generic';
import { type FileRoute, isDynamic, parseSegment, RouteMatcher, type Segment } from './dynamic';
import type { SiteProfile, VirtualRoute } from './profile';
import { isLocaleCode, relTo, slugSegment, str, urlJoin } from './util';

export interface AstroSettings {
  siteRoot: string;
  /** Code pages, endpoints and pages with parameters of src/pages (no fixed Markdown URL). */
  routeFiles?: FileRoute[];
  base: string;
  trailingSlash: 'always' | 'never' | 'ignore';
  /** Starlight locale keys (`root` is the default locale without a prefix). */
  locales: string[];
  source: string;
}

export function readAstroConfig(file: string | undefined, text: string, siteRoot: string, files: ReadonlySet<string>): AstroSettings {
  const src = stripJsComments(text);
  const ts = literalString(src, 'trailingSlash');
  const localesObj = objectOfKey(src, 'locales');
  let locales = localesObj ? objectKeys(localesObj) : [];
  if (locales.length === 0) {
    // No config (or computed locales): locale-named folders directly under the docs collection.
    const docs = joinPath(siteRoot, 'src/content/docs') ?? 'src/content/docs';
    const found = new Set<string>();
    for (const f of files) {
      const rel = relTo(f, docs);
      if (rel !== undefined && rel.includes('/')) found.add(rel.split('/')[0]!);
    }
    if (found.size > 0 && [...found].every(isLocaleCode)) locales = [...found].sort();
  }
  return {
    siteRoot,
    routeFiles: astroRouteFiles(joinPath(siteRoot, 'src/pages') ?? 'src/pages', files),
    base: (literalString(topLevel(src.slice(src.indexOf('defineConfig'))), 'base') ?? literalString(src, 'base') ?? '').replace(/^\/+|\/+$/g, ''),
    trailingSlash: ts === 'always' || ts === 'never' ? ts : 'ignore',
    locales,
    source: file ?? `${joinPath(siteRoot, 'src/content/docs')}/ (Starlight layout)`,
  };
}

const PAGE_FILE = /\.(astro|md|mdx|markdown|html|[cm]?[jt]s)$/;

/**
 * Routes of src/pages that have no fixed Markdown URL: `.astro` and `.html` pages, endpoints
 * (`rss.xml.ts` → /rss.xml) and pages with parameters (`[slug].astro`, `[...path].astro`).
 */
export function astroRouteFiles(pagesDir: string, files: ReadonlySet<string>): FileRoute[] {
  const out: FileRoute[] = [];
  for (const f of [...files].sort()) {
    const rel = relTo(f, pagesDir);
    if (rel === undefined || !PAGE_FILE.test(rel)) continue;
    const raw = rel.replace(PAGE_FILE, '').split('/');
    if (raw.some((x) => x.startsWith('_')) || /\.d$/.test(raw[raw.length - 1]!)) continue;
    if (raw[raw.length - 1] === 'index') raw.pop();
    const segments = raw.map((x): Segment => {
      const seg = parseSegment(x);
      // Astro's rest parameter also matches nothing (`[...path]` serves `/` too); `a-[b]` is one parameter.
      if (seg.kind === 'catch-all') return { ...seg, optional: true };
      return seg.kind === 'static' && x.includes('[') ? { kind: 'param', name: x } : seg;
    });
    const isPage = /\.(md|mdx|markdown)$/.test(f);
    if (isPage && !isDynamic(segments)) continue;
    out.push({ file: f, segments, where: `Astro pages ${pagesDir}/`, isPage, pattern: `/${raw.join('/')}` });
  }
  return out;
}

export function astroProfile(s: AstroSettings): SiteProfile {
  const docsDir = joinPath(s.siteRoot, 'src/content/docs') ?? 'src/content/docs';
  const pagesDir = joinPath(s.siteRoot, 'src/pages') ?? 'src/pages';
  const localeSet = new Set(s.locales.filter((l) => l !== 'root').map((l) => l.toLowerCase()));
  const slugPath = (p: string) => p.split('/').filter((x) => x !== '').map(slugSegment);
  const routeFiles = s.routeFiles ?? [];
  const fixed = routeFiles.filter((r) => !isDynamic(r.segments));
  const matcher = new RouteMatcher(routeFiles.filter((r) => isDynamic(r.segments)), { locales: localeSet, ...(s.locales.includes('root') ? { defaultLocale: 'root' } : {}) });
  const stripBase = (path: string) => (s.base && (path === `/${s.base}` || path.startsWith(`/${s.base}/`)) ? path.slice(s.base.length + 1) || '/' : path);
  return {
    name: 'astro',
    detectedBy: s.source,
    virtualRoutes(): VirtualRoute[] {
      return fixed.map((r) => ({ url: urlJoin(s.base, ...r.segments.map((x) => (x.kind === 'static' ? x.value : ''))), file: r.file, via: `${/\.[cm]?[jt]s$/.test(r.file) ? 'endpoint' : 'page'} ${r.file} of ${r.where}` }));
    },
    ...(matcher.size > 0 ? {
      matchRoute(path: string, servesPages: (prefix: string) => boolean, tried: string[]) {
        const m = matcher.match(stripBase(path), servesPages, tried);
        return m ? { file: m.route.file, via: m.via, isPage: m.route.isPage } : undefined;
      },
    } : {}),
    ...(s.trailingSlash !== 'ignore' ? { urlNote: (written: string) => trailingSlashNote(s.trailingSlash as 'always' | 'never', written, s.source) } : {}),
    basePath: s.base === '' ? '' : `/${s.base}`,
    localePrefixes: [...localeSet],
    staticDirs: [joinPath(s.siteRoot, 'public') ?? 'public'],
    contentDirs: [joinPath(s.siteRoot, 'src/content') ?? 'src/content', pagesDir],
    routesFor(page) {
      const fm = page.frontmatter ?? {};
      const inDocs = relTo(page.file, docsDir);
      if (inDocs !== undefined) {
        const slug = str(fm.slug);
        if (slug !== undefined) return [{ url: urlJoin(s.base, slug), via: `frontmatter slug "${slug}" (Starlight ${docsDir}/)` }];
        const path = stripExtension(inDocs).replace(/(^|\/)index$/i, '');
        return [{ url: urlJoin(s.base, ...slugPath(path)), via: `Starlight docs collection ${docsDir}/` }];
      }
      const inPages = relTo(page.file, pagesDir);
      if (inPages !== undefined) {
        const segs = stripExtension(inPages).replace(/(^|\/)index$/i, '').split('/');
        // `_`-prefixed files are not routed; `[param]` pages stand for many URLs.
        if (segs.some((x) => x.startsWith('_'))) return [];
        if (segs.some((x) => /^\[.*\]$/.test(x))) return [];
        return [{ url: urlJoin(s.base, ...segs), via: `Astro page ${pagesDir}/` }];
      }
      const contentDir = joinPath(s.siteRoot, 'src/content') ?? 'src/content';
      if (relTo(page.file, contentDir) !== undefined) {
        // Other collections are rendered by the site's own page code: the route is a guess.
        return [{ url: folderUrl(page.file, contentDir), via: `content collection outside docs (folder routing of ${contentDir}/ assumed)` }];
      }
      return [{ url: folderUrl(page.file, ''), via: `folder routing (${page.file} is outside src/content/docs and src/pages)` }];
    },
    localeOf(file) {
      if (localeSet.size === 0) return undefined;
      const rel = relTo(file, docsDir);
      if (rel === undefined) return undefined;
      const first = rel.split('/')[0]!.toLowerCase();
      return localeSet.has(first) ? first : s.locales.includes('root') ? 'root' : undefined;
    },
    counterpartsOf(file, locale) {
      const rel = relTo(file, docsDir);
      if (rel === undefined) return [];
      const segs = rel.split('/');
      const rest = localeSet.has(segs[0]!.toLowerCase()) ? segs.slice(1) : segs;
      return [locale === 'root' ? joinPath(docsDir, ...rest) ?? '' : joinPath(docsDir, locale, ...rest) ?? ''];
    },
  };
}

/**
 * Astro's `trailingSlash`: with 'always' the dev server answers `/x` with a 404, with 'never' it
 * answers `/x/` so; a built static site depends on the host (most redirect). The link resolves,
 * with this remark in its explanation. Links to files (`/x.png`) are not concerned.
 */
export function trailingSlashNote(mode: 'always' | 'never', written: string, source: string): string | undefined {
  const path = written.replace(/[?#].*$/, '');
  if (path === '' || path === '/' || /\.[a-z0-9]+$/i.test(path.replace(/\/$/, ''))) return undefined;
  if (mode === 'always' && !path.endsWith('/')) return `${source} sets trailingSlash: 'always' and this link has no trailing slash: Astro's dev server answers it with a 404, a static host only through its own redirect to ${path}/`;
  if (mode === 'never' && path.endsWith('/')) return `${source} sets trailingSlash: 'never' and this link ends with a slash: Astro's dev server answers it with a 404, a static host only through its own redirect`;
  return undefined;
}
