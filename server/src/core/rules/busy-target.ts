import { defineRule } from './types';
import { clusterWarns, headingSpan } from './clusterHelpers';

export default defineRule<{ max: number }>({
  meta: {
    id: 'busy-target',
    description: 'A target page sends many links from its body to other pages, leaking the attention it should keep.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'cluster',
    options: {
      max: { type: 'number', default: 10, description: 'The most body (content-placement) links a target page may have to other pages of the site; every link counts, repeats included.' },
    },
    fixable: false,
  },
  check({ model, options, clusters, report }) {
    for (const c of clusters) {
      if (!clusterWarns(model, c)) continue;
      for (const t of c.targets) {
        if (model.isUnindexed(t)) continue;
        const links = (model.outbound.get(t) ?? []).filter((l) => l.res.kind === 'page' && l.res.file !== t && !l.link.image && l.link.placement === 'content');
        if (links.length <= options.max) continue;
        const destinations = new Set(links.map((l) => (l.res.kind === 'page' ? l.res.file : '')));
        report({
          file: t,
          span: headingSpan(model.pages.get(t)),
          message: `Target page of cluster "${c.name}" has ${links.length} links in its body to other pages (${destinations.size} distinct; more than ${options.max}). A target should hold its readers: keep the links that help them convert or go deeper, and move the rest to a related-links list.`,
          data: { cluster: c.id, count: links.length, max: options.max },
        });
      }
    }
  },
});
