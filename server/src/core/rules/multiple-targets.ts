import { defineRule } from './types';
import { clusterWarns, fieldSpan } from './clusterHelpers';

export default defineRule({
  meta: {
    id: 'multiple-targets',
    description: 'A cluster has more than one target page, so its support pages split their links.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'cluster',
    options: {},
    fixable: false,
  },
  check({ model, clusters, report }) {
    const roleKey = model.config.frontmatter.role;
    for (const c of clusters) {
      if (c.targets.length < 2 || !clusterWarns(model, c)) continue;
      for (const t of c.targetMembers) {
        const others = c.targets.filter((f) => f !== t.file);
        const span = (t.source === 'frontmatter' ? fieldSpan(model.pages.get(t.file), roleKey) : undefined) ?? { start: 0, end: 0 };
        const names = others.map((f) => `"${model.titleOf(f)}" (${f})`).join(', ');
        report({
          file: t.file,
          span,
          message: `Cluster "${c.name}" has ${c.targets.length} targets: this page and ${names}. Keep one target per cluster; give the others a support role or move them to a cluster of their own.`,
          data: { cluster: c.id, others },
        });
      }
    }
  },
});
