// Jekyll routing: _posts/YYYY-MM-DD-title.md with permalink styles (date, pretty, ordinal,
// weekdate, none, or a custom pattern), pages, collections with output, and baseurl. The
// `{% link %}` and `{% post_url %}` tags are links (shortcodes.ts finds them, the resolver
// resolves them from `templateRoot`).
import { basename, dirname, joinPath, stripExtension } from '../paths';
import type { PageFacts } from '../types';
import { parseDataConfig } from './configText';
import type { Route, SiteProfile } from './profile';
import { datedName, dateParts, fillPattern, relTo, str, strList, urlize } from './util';

export interface JekyllCollection { name: string; output: boolean; permalink?: string }

export interface JekyllSettings {
  siteRoot: string;
  baseurl: string;
  permalink: string;
  collections: JekyllCollection[];
  source: string;
}

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

export function readJekyllConfig(file: string, text: string): JekyllSettings {
  const cfg = parseDataConfig(file, text) ?? {};
  const collections: JekyllCollection[] = [];
  const cols = cfg.collections;
  if (Array.isArray(cols)) for (const c of cols) if (typeof c === 'string') collections.push({ name: c, output: false });
  if (cols && typeof cols === 'object' && !Array.isArray(cols)) {
    for (const [name, v] of Object.entries(cols as Record<string, unknown>)) {
      const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
      const permalink = str(o.permalink);
      collections.push({ name, output: o.output === true, ...(permalink ? { permalink } : {}) });
    }
  }
  return {
    siteRoot: dirname(file),
    baseurl: (str(cfg.baseurl) ?? '').replace(/\/+$/, ''),
    permalink: str(cfg.permalink) ?? 'date',
    collections,
    source: file,
  };
}

function dayOfYear(d: Date): string {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return String(Math.floor((d.getTime() - start) / 86400000) + 1).padStart(3, '0');
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return String(Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7)).padStart(2, '0');
}

/** A leading slash, and no empty segments (`/:categories/` with no categories). */
function cleanUrl(u: string): string {
  return `/${u}`.replace(/\/{2,}/g, '/');
}

export function jekyllProfile(s: JekyllSettings): SiteProfile {
  const pattern = STYLES[s.permalink] ?? s.permalink;
  const pretty = pattern.endsWith('/');
  const at = (p: string) => joinPath(s.siteRoot, p) ?? p;

  function postRoutes(page: PageFacts, rel: string, postsAt: number): Route[] {
    const fm = page.frontmatter ?? {};
    const segs = rel.split('/');
    const name = stripExtension(basename(rel));
    const dated = datedName(name);
    const date = dateParts(fm.date) ?? dated?.date;
    if (!date) return [];
    const title = str(fm.slug) ?? dated?.rest ?? name;
    const folderCats = segs.slice(0, postsAt).filter((x) => x !== '');
    const cats = [...folderCats, ...strList(fm.categories).flatMap((c) => c.split(/\s+/)), ...strList(fm.category)].map((c) => c.toLowerCase());
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.date.getUTCDay()]!;
    const values = {
      categories: [...new Set(cats)].map(urlize).join('/'), year: date.year, month: date.month, day: date.day,
      i_month: String(Number(date.month)), i_day: String(Number(date.day)), short_year: date.year.slice(2),
      y_day: dayOfYear(date.date), week: isoWeek(date.date), short_day: weekday,
      title, slug: urlize(title), output_ext: '.html', name,
    };
    const explicit = str(fm.permalink);
    const { url } = fillPattern(explicit ?? pattern, values);
    return [{ url: cleanUrl(`${s.baseurl}${url}`), via: explicit ? `frontmatter permalink "${explicit}" (Jekyll post)` : `Jekyll post, permalink ${STYLES[s.permalink] ? `style "${s.permalink}"` : `"${pattern}"`} in ${s.source}` }];
  }

  function collectionRoutes(page: PageFacts, c: JekyllCollection, rel: string): Route[] {
    if (!c.output) return [];
    const fm = page.frontmatter ?? {};
    const explicit = str(fm.permalink);
    const path = stripExtension(rel);
    const p = explicit ?? c.permalink ?? `/:collection/:path${pretty ? '/' : ':output_ext'}`;
    const name = basename(path);
    const { url } = fillPattern(p, { collection: c.name, path, name, title: str(fm.slug) ?? name, slug: urlize(str(fm.slug) ?? name), output_ext: '.html' });
    return [{ url: cleanUrl(`${s.baseurl}${url}`), via: `Jekyll collection "${c.name}"${explicit ? ` (frontmatter permalink "${explicit}")` : c.permalink ? ` (permalink "${c.permalink}")` : ''}` }];
  }

  return {
    name: 'jekyll',
    detectedBy: s.source,
    basePath: s.baseurl,
    // Jekyll copies every file outside `_` folders as-is.
    staticDirs: [s.siteRoot],
    templateRoot: s.siteRoot,
    contentDirs: [s.siteRoot],
    routesFor(page) {
      const rel = relTo(page.file, s.siteRoot);
      if (rel === undefined) return [];
      const segs = rel.split('/');
      const postsAt = segs.indexOf('_posts');
      if (postsAt >= 0) return postRoutes(page, rel, postsAt);
      const col = s.collections.find((c) => segs[0] === `_${c.name}`);
      if (col) return collectionRoutes(page, col, segs.slice(1).join('/'));
      // Underscore and dot folders (_drafts, _includes, _layouts) are not output.
      if (segs.some((x) => x.startsWith('_') || x.startsWith('.'))) return [];
      const fm = page.frontmatter ?? {};
      const explicit = str(fm.permalink);
      if (explicit !== undefined) {
        const { url } = fillPattern(explicit, { path: stripExtension(rel), basename: basename(stripExtension(rel)), output_ext: '.html' });
        return [{ url: cleanUrl(`${s.baseurl}/${url}`), via: `frontmatter permalink "${explicit}" (Jekyll page)` }];
      }
      const noExt = stripExtension(rel);
      const isIndex = basename(noExt).toLowerCase() === 'index';
      const dir = dirname(noExt);
      const url = isIndex ? `${s.baseurl}/${dir}/` : pretty ? `${s.baseurl}/${noExt}/` : `${s.baseurl}/${noExt}.html`;
      return [{ url: cleanUrl(url), via: `Jekyll page ${at(rel)}${pretty ? ' (pretty permalinks)' : ''}` }];
    },
    fileLinkRoots() {
      return [s.siteRoot];
    },
  };
}
