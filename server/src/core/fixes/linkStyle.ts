// Writing a new internal link the way the repository already writes them.
import type { SiteModel } from '../model';
import { dirname, relativePath } from '../paths';
import { PAGE_EXTENSIONS } from '../workspace';

export interface LinkStyle {
  /** `file`: relative file path with extension (`../tools/x/index.mdx`); `url`: site path (`/tools/x/`). */
  kind: 'file' | 'url';
  trailingSlash: boolean;
  /** Relative file links to the same folder start with `./`. */
  dotSlash: boolean;
}

interface Tally { file: number; url: number; slash: number; noSlash: number; dot: number; noDot: number }

function tallyPage(model: SiteModel, from: string, t: Tally): void {
  for (const l of model.outbound.get(from) ?? []) {
    if (l.res.kind !== 'page' || l.link.image) continue;
    const url = l.link.url.split(/[?#]/)[0]!;
    if (url === '' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) continue;
    const lower = url.toLowerCase();
    if (PAGE_EXTENSIONS.some((e) => lower.endsWith(e))) {
      t.file++;
      if (url.startsWith('./')) t.dot++;
      else if (!url.startsWith('../')) t.noDot++;
    } else if (url.startsWith('/')) {
      t.url++;
      if (url === '/') continue;
      if (url.endsWith('/')) t.slash++;
      else t.noSlash++;
    }
  }
}

/** The page's own links decide; a page without internal links follows the site majority. */
export function detectLinkStyle(model: SiteModel, from: string): LinkStyle {
  const own: Tally = { file: 0, url: 0, slash: 0, noSlash: 0, dot: 0, noDot: 0 };
  tallyPage(model, from, own);
  const site: Tally = { file: 0, url: 0, slash: 0, noSlash: 0, dot: 0, noDot: 0 };
  for (const f of model.pages.keys()) tallyPage(model, f, site);
  const pick = (a: number, b: number, sa: number, sb: number, fallback: boolean) => (a !== b ? a > b : sa !== sb ? sa > sb : fallback);
  return {
    kind: pick(own.file, own.url, site.file, site.url, false) ? 'file' : 'url',
    trailingSlash: pick(own.slash, own.noSlash, site.slash, site.noSlash, true),
    dotSlash: pick(own.dot, own.noDot, site.dot, site.noDot, true),
  };
}

/** The destination to write in `from` for a link to page `to`, checked to resolve back to `to`. */
export function linkUrl(model: SiteModel, from: string, to: string, style: LinkStyle = detectLinkStyle(model, from), fragment?: string): string {
  const hash = fragment ? `#${fragment}` : '';
  const asFile = () => {
    const rel = relativePath(dirname(from), to);
    return style.dotSlash || rel.startsWith('../') ? rel : rel.replace(/^\.\//, '');
  };
  const asUrl = () => {
    const u = model.urlOf(to);
    if (u === undefined) return undefined;
    return style.trailingSlash || u === '/' ? u : u.replace(/\/$/, '');
  };
  const first = style.kind === 'file' ? asFile() : asUrl();
  const second = style.kind === 'file' ? asUrl() : asFile();
  for (const u of [first, second]) {
    if (u === undefined) continue;
    const r = model.resolver.resolve(from, u);
    if (r.kind === 'page' && r.file === to) return encodeDestination(u) + hash;
  }
  return encodeDestination(first ?? asFile()) + hash;
}

/** A Markdown link destination: spaces and unbalanced parentheses are percent-encoded. */
export function encodeDestination(url: string): string {
  return url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Anchor text safe inside `[...]` (also in MDX, where braces and angle brackets are syntax). */
export function escapeAnchor(text: string): string {
  return text.replace(/[\\[\]{}<>*_`]/g, (c) => `\\${c}`);
}

export function markdownLink(anchor: string, url: string): string {
  return `[${anchor}](${url})`;
}
