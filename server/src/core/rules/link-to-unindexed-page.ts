import { defineRule } from './types';
import { unindexedReason } from './clusterHelpers';

export default defineRule({
  meta: {
    id: 'link-to-unindexed-page',
    description: 'An indexed page links to a draft or noindex page, which search engines will not index.',
    defaultSeverity: 'warning',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      // Unindexed pages may link to each other freely: none of it is published.
      if (model.isUnindexed(file)) continue;
      for (const l of links) {
        if (l.res.kind !== 'page' || l.link.image || l.res.file === file || !model.isUnindexed(l.res.file)) continue;
        const to = l.res.file;
        report({
          file,
          span: l.link.urlSpan ?? l.link.span,
          message: `Links to "${model.titleOf(to)}" (${to}), which is ${unindexedReason(model.pages.get(to))}; search engines will not index it. Publish that page or remove the link.`,
          data: { target: to, linkIndex: l.index },
        });
      }
    }
  },
});
