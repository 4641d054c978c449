import { ALL_ROLES } from '../clusters';
import { getPath } from '../config';
import { defineRule } from './types';
import { fieldValueSpan } from './clusterHelpers';

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The nearest valid role, when it is close enough to be a plausible typo. */
export function suggestRole(raw: string): string | undefined {
  const norm = raw.toLowerCase().replace(/[\s_]+/g, '-');
  let best: string | undefined;
  let bestD = Infinity;
  for (const r of ALL_ROLES) {
    const d = editDistance(norm, r);
    if (d < bestD) { best = r; bestD = d; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export default defineRule({
  meta: {
    id: 'unknown-role',
    description: 'The page\'s `role` is not one of the known roles; it is treated as a support page.',
    defaultSeverity: 'warning',
    category: 'clusters',
    scope: 'page',
    options: {},
    fixable: true,
  },
  check({ model, files, report }) {
    const roleKey = model.config.frontmatter.role;
    for (const file of files) {
      const r = model.roles.get(file);
      if (!r) continue;
      if (r.rawRole === undefined || ALL_ROLES.includes(r.rawRole)) continue;
      const page = model.pages.get(file);
      const written = String(getPath(page?.frontmatter ?? null, roleKey) ?? r.rawRole).trim();
      const suggestion = suggestRole(written);
      const span = fieldValueSpan(page, roleKey) ?? { start: 0, end: 0 };
      const message = suggestion
        ? `Unknown role "${written}"; did you mean "${suggestion}"? Until it is fixed the page counts as a support page.`
        : `Unknown role "${written}"; use one of: ${ALL_ROLES.join(', ')}. Until it is fixed the page counts as a support page.`;
      report({ file, span, message, data: { role: written, ...(suggestion ? { suggestion } : {}) } });
    }
  },
});
