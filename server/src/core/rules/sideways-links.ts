import { defineRule } from './types';
import { clusterWarns, headingSpan } from './clusterHelpers';

export default defineRule<{ max: number }>({
  meta: {
    id: 'sideways-links',
    description: 'A support page links to many other support pages of its cluster instead of concentrating on the target.',
    defaultSeverity: 'information',
    category: 'clusters',
    scope: 'cluster',
    options: {
      max: { type: 'number', default: 3, description: 'The most distinct sibling support pages a support page may link to from its body.' },
    },
    fixable: false,
  },
  check({ model, options, clusters, report }) {
    for (const c of clusters) {
      if (!clusterWarns(model, c)) continue;
      const siblings = new Set(c.members.map((m) => m.file));
      for (const m of c.members) {
        if (model.isUnindexed(m.file)) continue;
        // Distinct destinations: linking one sibling twice is repeated-link's business.
        const seen = new Map<string, number>();
        let beyond: { index: number; start: number; end: number } | undefined;
        for (const l of model.outbound.get(m.file) ?? []) {
          if (l.res.kind !== 'page' || l.link.image || l.link.placement !== 'content') continue;
          const to = l.res.file;
          if (to === m.file || !siblings.has(to) || seen.has(to)) continue;
          seen.set(to, l.index);
          if (seen.size === options.max + 1) beyond = { index: l.index, ...l.link.span };
        }
        if (seen.size <= options.max) continue;
        const page = model.pages.get(m.file);
        report({
          file: m.file,
          span: beyond ? { start: beyond.start, end: beyond.end } : headingSpan(page),
          message: `Links sideways to ${seen.size} other support pages of cluster "${c.name}" (more than ${options.max}). Keep the most relevant ones and let the target page link out to the rest.`,
          data: { cluster: c.id, count: seen.size, max: options.max, siblings: [...seen.keys()], ...(beyond ? { linkIndex: beyond.index } : {}) },
        });
      }
    }
  },
});
