import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'orphan-page',
    description: 'No other indexed page links to this page, so neither readers nor crawlers can find it.',
    defaultSeverity: 'warning',
    category: 'structure',
    options: {},
    fixable: true,
  },
  check({ model, report }) {
    for (const [file, page] of model.pages) {
      if (model.entryPages.has(file) || model.isUnindexed(file)) continue;
      const inbound = (model.inbound.get(file) ?? []).filter((l) => l.from !== file && !model.isUnindexed(l.from));
      if (inbound.length > 0) continue;
      const span = page.frontmatterSpan ? { start: 0, end: Math.min(3, page.length) } : page.headings[0]?.span ?? { start: 0, end: 0 };
      report({ file, span, message: 'Orphan page: no other indexed page links here (links from drafts and noindex pages do not count).' });
    }
  },
});
