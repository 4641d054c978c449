// Astro routing: Starlight docs (src/content/docs/** → path, slugified per segment; frontmatter
// slug), file-based src/pages/**, the `base` path and Starlight locales.
import { joinPath, stripExtension } from '../paths';
import { literalString, objectKeys, objectOfKey, stripJsComments, topLevel } from './configText';
import { folderUrl } from './generic';
import type { SiteProfile } from './profile';
import { isLocaleCode, relTo, slugSegment, str, urlJoin } from './util';

export interface AstroSettings {
  siteRoot: string;
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
    base: (literalString(topLevel(src.slice(src.indexOf('defineConfig'))), 'base') ?? literalString(src, 'base') ?? '').replace(/^\/+|\/+$/g, ''),
    trailingSlash: ts === 'always' || ts === 'never' ? ts : 'ignore',
    locales,
    source: file ?? `${joinPath(siteRoot, 'src/content/docs')}/ (Starlight layout)`,
  };
}

export function astroProfile(s: AstroSettings): SiteProfile {
  const docsDir = joinPath(s.siteRoot, 'src/content/docs') ?? 'src/content/docs';
  const pagesDir = joinPath(s.siteRoot, 'src/pages') ?? 'src/pages';
  const localeSet = new Set(s.locales.filter((l) => l !== 'root').map((l) => l.toLowerCase()));
  const slugPath = (p: string) => p.split('/').filter((x) => x !== '').map(slugSegment);
  return {
    name: 'astro',
    detectedBy: s.source,
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
