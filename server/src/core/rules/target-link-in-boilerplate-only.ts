import type { Placement } from '../types';
import { defineRule } from './types';
import { clusterWarns, describePage } from './clusterHelpers';

const WHERE: Record<Exclude<Placement, 'content'>, string> = {
  related: 'a related-links list',
  navigation: 'navigation',
  heading: 'a heading',
};

export default defineRule({
  meta: {
    id: 'target-link-in-boilerplate-only',
    description: 'A support page links to its target only from related-post lists, navigation or headings, never from the body text.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'cluster',
    options: {},
    fixable: false,
  },
  check({ model, clusters, report }) {
    for (const c of clusters) {
      if (!clusterWarns(model, c)) continue;
      const targets = new Set(c.targets);
      for (const m of c.members) {
        if (!m.linksToTargetOnlyFromBoilerplate || model.isUnindexed(m.file)) continue;
        const first = (model.outbound.get(m.file) ?? []).find((l) => l.res.kind === 'page' && targets.has(l.res.file) && !l.link.image && l.link.placement !== 'content');
        if (!first || first.res.kind !== 'page') continue;
        const where = WHERE[first.link.placement as Exclude<Placement, 'content'>];
        report({
          file: m.file,
          span: first.link.span,
          message: `The only links to the cluster's target ${describePage(model, first.res.file)} are in ${where}. Links in related-post lists, navigation and headings carry less weight than a link in the body; link to it from a sentence as well.`,
          data: { cluster: c.id, target: first.res.file, linkIndex: first.index, placement: first.link.placement },
        });
      }
    }
  },
});
