import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'broken-link',
    description: 'An internal link resolves to no page or file.',
    defaultSeverity: 'error',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: true,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      for (const l of links) {
        if (l.res.kind === 'broken') {
          report({ file, span: l.link.urlSpan ?? l.link.span, message: `Broken link: ${l.res.reason}.`, data: { url: l.link.url, linkIndex: l.index } });
        } else if (l.res.kind === 'outside') {
          report({ file, span: l.link.urlSpan ?? l.link.span, message: `Link leaves the workspace and is not followed: ${l.res.reason}.`, data: { url: l.link.url, linkIndex: l.index, outside: true } });
        }
      }
    }
  },
});
