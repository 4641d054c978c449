import { defineRule } from './types';
import { clusterWarns, describePage, fieldSpan } from './clusterHelpers';

export default defineRule({
  meta: {
    id: 'missing-target-link',
    description: 'A support page does not link to its cluster\'s target page at all.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'cluster',
    options: {},
    fixable: true,
  },
  check({ model, clusters, report }) {
    for (const c of clusters) {
      if (!clusterWarns(model, c)) continue;
      // Drafts and noindex targets are not worth a link yet; link-to-unindexed-page covers links to them.
      const targets = c.targets.filter((t) => !model.isUnindexed(t));
      const target = targets[0];
      if (target === undefined) continue;
      for (const m of c.members) {
        // A page outside the index passes no authority, so its links are not worth a finding.
        if (m.linksToTarget || m.linksToTargetOnlyFromBoilerplate || model.isUnindexed(m.file)) continue;
        const page = model.pages.get(m.file);
        const h1 = page?.headings.find((h) => h.depth === 1);
        const span = h1?.span ?? (m.source === 'frontmatter' ? fieldSpan(page, model.config.frontmatter.cluster) : undefined) ?? { start: 0, end: 0 };
        report({
          file: m.file,
          span,
          message: `No contextual link to the cluster's target ${describePage(model, target)}. Link to it from a sentence in the body.`,
          data: { cluster: c.id, target, targetTitle: model.titleOf(target) },
        });
      }
    }
  },
});
