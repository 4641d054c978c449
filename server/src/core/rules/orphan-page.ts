import { fieldSpan } from './clusterHelpers';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'orphan-page',
    description: 'No other indexed page links to this page, so neither readers nor crawlers can find it.',
    defaultSeverity: 'warning',
    category: 'structure',
    scope: 'page',
    options: {},
    fixable: true,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const page = model.pages.get(file)!;
      if (model.entryPages.has(file) || model.isUnindexed(file)) continue;
      const inbound = (model.inbound.get(file) ?? []).filter((l) => l.from !== file && !model.isUnindexed(l.from));
      if (inbound.length > 0) continue;
      // Point at what names the page: its H1, else its frontmatter title, else the start.
      const span = page.headings.find((h) => h.depth === 1)?.span ?? fieldSpan(page, 'title') ?? page.headings[0]?.span ?? { start: 0, end: 0 };
      report({ file, span, message: 'Orphan page: no other indexed page links here (links from drafts and noindex pages do not count).' });
    }
  },
});
