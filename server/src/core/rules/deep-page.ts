import type { SiteModel } from '../model';
import { defineRule } from './types';
import { headingSpan } from './clusterHelpers';

/** The chain of pages from an entry page to `file`, by the same breadth-first walk as model.depth. */
function pathTo(model: SiteModel, file: string): string[] {
  const parent = new Map<string, string | null>();
  const queue = [...model.entryPages];
  for (const e of queue) parent.set(e, null);
  for (let i = 0; i < queue.length && !parent.has(file); i++) {
    const f = queue[i]!;
    for (const l of model.outbound.get(f) ?? []) {
      if (l.res.kind !== 'page' || l.link.image || parent.has(l.res.file)) continue;
      parent.set(l.res.file, f);
      queue.push(l.res.file);
    }
  }
  const chain: string[] = [];
  for (let f: string | null | undefined = file; f; f = parent.get(f)) chain.unshift(f);
  return chain;
}

export default defineRule<{ maxDepth: number }>({
  meta: {
    id: 'deep-page',
    description: 'A page is many clicks away from the entry pages, so crawlers and readers rarely reach it.',
    defaultSeverity: 'information',
    category: 'structure',
    options: {
      maxDepth: { type: 'number', default: 4, description: 'The most clicks from an entry page (home page or `entryPoints`) a page may be.' },
    },
    fixable: false,
  },
  check({ model, options, report }) {
    for (const [file, page] of model.pages) {
      const depth = model.depth(file);
      // Unreachable pages are orphan-page's findings; unindexed pages need no crawl path.
      if (depth === null || depth <= options.maxDepth || model.isUnindexed(file)) continue;
      const chain = pathTo(model, file).map((f) => model.urlOf(f) ?? f);
      report({
        file,
        span: headingSpan(page),
        message: `The page is ${depth} clicks from the entry pages (more than ${options.maxDepth}): ${chain.join(' → ')}. Link to it from a page closer to the home page, such as its cluster's target or a hub.`,
        data: { depth, maxDepth: options.maxDepth, path: chain },
      });
    }
  },
});
