import { defineRule } from './types';
import { clusterWarns, fieldSpan } from './clusterHelpers';

export default defineRule({
  meta: {
    id: 'cluster-without-target',
    description: 'A cluster has support pages but no target page for them to link up to.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'cluster',
    options: {},
    fixable: false,
  },
  check({ model, clusters, report }) {
    const { cluster: clusterKey, role: roleKey } = model.config.frontmatter;
    for (const c of clusters) {
      if (c.targets.length > 0 || c.members.length === 0 || !clusterWarns(model, c)) continue;
      // Reported once, on the first member, so a cluster of 40 pages gives one finding, not 40.
      const first = [...c.members].sort((a, b) => a.file.localeCompare(b.file))[0]!;
      const page = model.pages.get(first.file);
      const span = (first.source === 'frontmatter' ? fieldSpan(page, clusterKey) : undefined) ?? { start: 0, end: 0 };
      const n = c.members.length;
      report({
        file: first.file,
        span,
        message: `Cluster "${c.name}" has ${n} support page${n === 1 ? '' : 's'} but no target page. Mark the page they should link up to with "${roleKey}: target" (and "${clusterKey}: ${c.id}"), or set "target" for the cluster in pillarlink.json.`,
        data: { cluster: c.id, members: c.members.map((m) => m.file) },
      });
    }
  },
});
