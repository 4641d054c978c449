import { basename, dirname, isUnder, stripExtension } from '../paths';
import type { PageFacts } from '../types';
import type { Route, RoutingContext, SiteProfile } from './profile';

const INDEX_NAMES = new Set(['index', '_index', 'readme']);

/** The content root a file lives under (longest match), or undefined. */
export function contentRootOf(file: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) if (isUnder(file, r) && (best === undefined || r.length > best.length)) best = r;
  return best;
}

/** Folder routing: `root/a/b.md` → `/a/b/`, `root/a/index.md` → `/a/`. */
export function folderUrl(file: string, root: string): string {
  const rel = root === '' ? file : file.slice(root.length + 1);
  const noExt = stripExtension(rel);
  const name = basename(noExt);
  const segs = INDEX_NAMES.has(name.toLowerCase()) ? dirname(noExt) : noExt;
  return segs === '' ? '/' : `/${segs}/`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function strList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export const genericProfile: SiteProfile = {
  name: 'generic',
  routesFor(page: PageFacts, ctx: RoutingContext): Route[] {
    const root = contentRootOf(page.file, ctx.contentRoots) ?? '';
    const routes: Route[] = [];
    const fm = page.frontmatter ?? {};
    const explicit = str(fm.url) ?? str(fm.permalink);
    const folder = folderUrl(page.file, root);
    if (explicit && !explicit.includes(':')) {
      routes.push({ url: explicit.startsWith('/') ? explicit : `/${explicit}`, via: `frontmatter ${fm.url !== undefined ? 'url' : 'permalink'}` });
    } else {
      const slug = str(fm.slug);
      if (slug !== undefined) {
        if (slug.startsWith('/')) routes.push({ url: slug, via: 'frontmatter slug (absolute)' });
        else {
          const parent = folder === '/' ? '/' : folder.replace(/[^/]+\/$/, '');
          routes.push({ url: `${parent}${slug}/`, via: 'frontmatter slug' });
        }
      }
    }
    routes.push({ url: folder, via: root === '' ? 'folder routing from the workspace root' : `folder routing of ${root}/` });
    for (const a of strList(fm.aliases)) routes.push({ url: a.startsWith('/') ? a : `/${a}`, via: 'frontmatter aliases' });
    return routes;
  },
};
