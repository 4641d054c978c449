import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'non-crawlable-link',
    description: 'A link that crawlers cannot follow: empty href, bare `#`, `javascript:`, `<a>` without href, or a click handler instead of a link.',
    defaultSeverity: 'warning',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      for (const l of links) {
        const { link } = l;
        if (link.image) continue;
        let why: string | undefined;
        if (!link.hasHref) why = link.hasOnClick ? `<${link.element ?? 'element'}> uses a click handler instead of an href` : `<${link.element ?? 'a'}> has no href`;
        else if (l.res.kind === 'non-crawlable') why = l.res.reason;
        if (why) report({ file, span: link.span, message: `Not a crawlable link: ${why}. Use a real URL in href so search engines can follow it.` });
      }
    }
  },
});
