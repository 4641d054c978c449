import { isGenericAnchor, looksLikeUrl } from '../text/index';
import { defineRule } from './types';

type Reason = 'generic' | 'url' | 'empty';

const WHY: Record<Reason, string> = {
  generic: 'says nothing about where it leads',
  url: 'is a bare URL',
  empty: 'is empty (an image without alt text, or no text at all)',
};

export default defineRule<{ includeExternal: boolean }>({
  meta: {
    id: 'generic-anchor',
    description: 'A link\'s text does not describe its destination: "click here", "read more", a bare URL, or no text.',
    defaultSeverity: 'warning',
    category: 'anchors',
    scope: 'page',
    options: {
      includeExternal: { type: 'boolean', default: false, description: 'Also check links to other sites (by default only links to pages and files of this site).' },
    },
    fixable: false,
  },
  check({ model, options, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      const fm = model.pages.get(file)?.frontmatter;
      const lang = typeof fm?.lang === 'string' ? fm.lang : typeof fm?.locale === 'string' ? fm.locale : undefined;
      for (const l of links) {
        const { link, res } = l;
        // Images are not links; same-page jumps (`#part`) are navigation, as Lighthouse treats them.
        if (link.image || link.url.startsWith('#')) continue;
        const internal = res.kind === 'page' || res.kind === 'asset';
        if (!internal && !(options.includeExternal && res.kind === 'external')) continue;
        if (res.kind === 'page' && res.file === file) continue;
        const text = link.text.trim();
        const reason: Reason | undefined = text === ''
          ? (link.kind === 'jsx' ? undefined : 'empty') // JSX children may be expressions we cannot read.
          : looksLikeUrl(text) || text === link.url ? 'url' : isGenericAnchor(text, lang) ? 'generic' : undefined;
        if (!reason) continue;
        const target = res.kind === 'page' ? (model.urlOf(res.file) ?? link.url) : link.url;
        const shown = text === '' ? 'The link text' : `The link text "${text}"`;
        const hint = res.kind === 'page' ? `such as its title "${model.titleOf(res.file)}"` : `that describe ${target}`;
        report({
          file,
          span: link.textSpan ?? link.span,
          message: `${shown} ${WHY[reason]}. Use words that name the destination, ${hint}.`,
          data: { linkIndex: l.index, target, reason },
        });
      }
    }
  },
});
