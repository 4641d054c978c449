import { defineRule } from './types';
import { headingSpan } from './clusterHelpers';

export default defineRule<{ max: number }>({
  meta: {
    id: 'too-many-links',
    description: 'A page has so many internal links that each one passes little value and readers cannot choose.',
    defaultSeverity: 'warning',
    category: 'structure',
    scope: 'page',
    options: {
      max: { type: 'number', default: 100, description: 'The most internal links (every placement, repeats included) a page may have.' },
    },
    fixable: false,
  },
  check({ model, options, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      // Internal links: to pages, files or site URLs (even broken ones); not in-page jumps, images, external URLs.
      const n = links.filter((l) => !l.link.image && (l.res.kind === 'page' ? l.res.file !== file : l.res.kind === 'asset' || l.res.kind === 'broken')).length;
      if (n <= options.max) continue;
      report({
        file,
        span: headingSpan(model.pages.get(file)),
        message: `The page has ${n} internal links (more than ${options.max}). Cut the lists that link everything and keep the links a reader of this page needs.`,
        data: { count: n, max: options.max },
      });
    }
  },
});
