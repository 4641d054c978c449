import { dirname, relativePath } from '../paths';
import { defineRule } from './types';

/** The first path segment of a site URL (after the base path), lowercased; undefined for relative links. */
function firstSegment(url: string, basePath: string): string | undefined {
  let path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '').split(/[?#]/)[0]!;
  if (!path.startsWith('/')) return undefined;
  if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  return path.split('/')[1]?.toLowerCase() ?? '';
}

export default defineRule({
  meta: {
    id: 'cross-locale-link',
    description: 'A page links to another locale\'s version of a page that exists in its own locale.',
    defaultSeverity: 'information',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    const profile = model.resolver.profile;
    if (!profile.localeOf || !profile.counterpartsOf) return;
    const prefixes = new Set(profile.localePrefixes ?? []);
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      const from = profile.localeOf(file);
      if (from === undefined) continue;
      for (const l of links) {
        if (l.res.kind !== 'page' || l.link.image || l.res.file === file) continue;
        const target = l.res.file;
        const to = profile.localeOf(target);
        if (to === undefined || to.toLowerCase() === from.toLowerCase()) continue;
        const url = l.link.url.trim();
        // An unprefixed URL is served in the reader's locale where the site localises it.
        const seg = firstSegment(url, model.resolver.ctx.basePath);
        if (seg !== undefined && profile.localizesUnprefixedUrls && !prefixes.has(seg)) continue;
        const same = profile.counterpartsOf(target, from).find((c) => c !== target && model.pages.has(c));
        // A link to the other-language version of the page itself is a language switch.
        if (same === undefined || same === file) continue;
        const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
        const replacement = seg === undefined ? `${relativePath(dirname(file), same).replace(/^\.\//, '')}${hash}` : `${model.urlOf(same) ?? same}${hash}`;
        report({
          file,
          span: l.link.urlSpan ?? l.link.span,
          message: `Links to the ${to} page ${target} from a ${from} page, but the ${from} version exists (${same}): link to ${replacement} instead.`,
          data: { url: l.link.url, linkIndex: l.index, target, replacement, locale: from },
        });
      }
    }
  },
});
