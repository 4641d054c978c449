import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'broken-fragment',
    description: 'The linked page exists but the `#fragment` matches none of its headings or anchors.',
    defaultSeverity: 'warning',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: true,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      for (const l of links) {
        if (l.res.kind !== 'page' || l.res.fragment === undefined || l.res.fragmentFound) continue;
        const title = model.titleOf(l.res.file);
        const where = l.res.file === file ? 'this page' : `"${title}" (${l.res.file})`;
        report({ file, span: l.link.urlSpan ?? l.link.span, message: `No heading or anchor "#${l.res.fragment}" on ${where}.`, data: { url: l.link.url, linkIndex: l.index, target: l.res.file, fragment: l.res.fragment } });
      }
    }
  },
});
