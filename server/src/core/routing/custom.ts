// Custom routes from pillarlink.json `site.routes`: `{ files: glob, url: pattern }`, first match
// wins, placeholders from the file path and the frontmatter. Pages no pattern matches fall back
// to the base profile (detected or generic).
import picomatch from 'picomatch';
import { basename, dirname, stripExtension } from '../paths';
import type { SiteProfile } from './profile';
import { datedName, dateParts, fillPattern, str, urlize, urlJoin } from './util';

export interface RoutePattern { files: string; url: string }

/** The static folder of a glob (`content/posts/*.md` → `content/posts`). */
function globBase(glob: string): string {
  const parts = glob.split('/');
  const i = parts.findIndex((p) => /[*?[\]{}!]/.test(p));
  return (i < 0 ? parts.slice(0, -1) : parts.slice(0, i)).join('/');
}

/**
 * Placeholders: :slug (frontmatter slug, else the file name), :filename, :path (path under the
 * glob's folder, no extension), :dir, :section (first folder under it), :year/:month/:day
 * (frontmatter date, else a date in the file name), :title (urlized), :0, :1 … (path segments
 * under the glob's folder), and any scalar frontmatter key.
 */
export function customProfile(patterns: readonly RoutePattern[], base: SiteProfile): SiteProfile {
  const compiled = patterns.map((p) => ({ ...p, match: picomatch(p.files, { dot: true }), base: globBase(p.files) }));
  return {
    ...base,
    name: 'custom',
    detectedBy: `site.routes in pillarlink.json${base.name !== 'generic' ? ` (over the ${base.name} profile)` : ''}`,
    routesFor(page, ctx) {
      const p = compiled.find((c) => c.match(page.file));
      if (!p) return base.routesFor(page, ctx);
      const fm = page.frontmatter ?? {};
      const rel = p.base === '' ? page.file : page.file.slice(p.base.length + 1);
      const noExt = stripExtension(rel);
      const name = basename(noExt) === 'index' ? basename(dirname(noExt)) : basename(noExt);
      const dated = datedName(name);
      const date = dateParts(fm.date) ?? dated?.date;
      const values: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(fm)) if (typeof v === 'string' || typeof v === 'number') values[k] = String(v);
      rel.split('/').forEach((seg, i) => { values[String(i)] = stripExtension(seg); });
      const title = str(fm.title);
      Object.assign(values, {
        slug: str(fm.slug) ?? dated?.rest ?? name,
        filename: name,
        path: noExt.replace(/\/index$/, ''),
        dir: dirname(noExt),
        section: rel.includes('/') ? rel.split('/')[0] : '',
        year: date?.year, month: date?.month, day: date?.day,
        title: title !== undefined ? urlize(title) : name,
      });
      const { url, missing } = fillPattern(p.url, values);
      if (missing.length > 0) return [...base.routesFor(page, ctx)].map((r) => ({ ...r, via: `${r.via}; site.routes "${p.url}" lacks ${missing.map((m) => `:${m}`).join(', ')}` }));
      return [{ url: urlJoin(url), via: `site.routes "${p.files}" → "${p.url}"` }];
    },
  };
}
