import { isTargetRole } from '../clusters';
import { defineRule } from './types';
import { fieldSpan } from './clusterHelpers';

export default defineRule({
  meta: {
    id: 'role-without-cluster',
    description: 'A page has a target role but belongs to no cluster, so no support page is expected to link to it.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    const { cluster: clusterKey, role: roleKey } = model.config.frontmatter;
    for (const file of files) {
      const r = model.roles.get(file);
      if (!r) continue;
      if (r.cluster !== undefined || r.role === undefined || !isTargetRole(r.role)) continue;
      const span = fieldSpan(model.pages.get(file), roleKey) ?? { start: 0, end: 0 };
      report({
        file,
        span,
        message: `Role "${r.role}" without a cluster: add "${clusterKey}: <cluster-id>" (the id its support pages use), or list the page as a cluster's target in pillarlink.json.`,
        data: { role: r.role },
      });
    }
  },
});
