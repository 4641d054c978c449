// MDN-style routing: every page is files/<locale>/<lowercased slug>/index.md with a frontmatter
// `slug`; its URL is /<Locale>/docs/<slug>, matched case-insensitively. _redirects.txt maps old
// URLs to new ones.
import { joinPath } from '../paths';
import type { SiteProfile } from './profile';
import { normalizeSitePath } from './resolver';
import { relTo, str } from './util';

export interface MdnSettings {
  /** The folder holding the locale folders (`files`). */
  filesDir: string;
  /** Lowercased redirect source → target, both normalised site paths. */
  redirects: Map<string, string>;
  redirectFiles: string[];
  source: string;
}

/** MDN's folder name of a slug: lowercased, `::` → `_doublecolon_`, `:` → `_colon_`, `*` → `_star_`. */
export function mdnFolderOfSlug(slug: string): string {
  return slug.toLowerCase().replace(/::/g, '_doublecolon_').replace(/:/g, '_colon_').replace(/\*/g, '_star_');
}

/** The URL casing of a locale folder: en-us → en-US, fr → fr. */
export function mdnLocale(folder: string): string {
  const [lang, region] = folder.split('-');
  return region ? `${lang}-${region.toUpperCase()}` : folder;
}

/** Parses `_redirects.txt` lines (`/en-US/docs/Old\t/en-US/docs/New`); `#` starts a comment. */
export function parseRedirects(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [from, to] = t.split(/\s+/);
    if (from && to) out.set(normalizeSitePath(from).toLowerCase(), to);
  }
  return out;
}

export function mdnProfile(s: MdnSettings): SiteProfile {
  return {
    name: 'mdn',
    detectedBy: s.source,
    redirects: s.redirects,
    contentDirs: [s.filesDir],
    redirectsSource: s.redirectFiles.join(', '),
    routesFor(page) {
      const rel = relTo(page.file, s.filesDir);
      if (rel === undefined || !rel.includes('/')) return [];
      const [localeFolder, ...rest] = rel.split('/');
      const locale = mdnLocale(localeFolder!);
      const slug = str(page.frontmatter?.slug);
      const routes = [];
      if (slug !== undefined) routes.push({ url: `/${locale}/docs/${slug}`, via: `frontmatter slug "${slug}" (MDN: /${locale}/docs/<slug>, case-insensitive)` });
      // Without a slug (or when the slug disagrees with the folder), the folder still names the page.
      const folder = rest.slice(0, -1).join('/');
      if (slug === undefined || mdnFolderOfSlug(slug) !== folder) routes.push({ url: `/${locale}/docs/${folder}`, via: `folder ${joinPath(s.filesDir, localeFolder!, folder)}/ (MDN)` });
      return routes;
    },
    localeOf(file) {
      const rel = relTo(file, s.filesDir);
      return rel?.split('/')[0];
    },
    counterpartsOf(file, locale) {
      const rel = relTo(file, s.filesDir);
      if (rel === undefined) return [];
      return [joinPath(s.filesDir, locale.toLowerCase(), ...rel.split('/').slice(1)) ?? ''];
    },
  };
}
