import type { SiteModel } from '../model';
import { defineRule, PAUSE_EVERY } from './types';
import { headingSpan } from './clusterHelpers';

/** Parents of the breadth-first walk from the entry pages (the same walk as model.depth), built once per check. */
function bfsParents(model: SiteModel): Map<string, string | null> {
  const parent = new Map<string, string | null>();
  const queue = [...model.entryPages];
  for (const e of queue) parent.set(e, null);
  for (let i = 0; i < queue.length; i++) {
    const f = queue[i]!;
    for (const l of model.outbound.get(f) ?? []) {
      if (l.res.kind !== 'page' || l.link.image || parent.has(l.res.file)) continue;
      parent.set(l.res.file, f);
      queue.push(l.res.file);
    }
  }
  return parent;
}

/** The chain of pages from an entry page to `file`. */
function pathTo(parent: Map<string, string | null>, file: string): string[] {
  const chain: string[] = [];
  for (let f: string | null | undefined = file; f; f = parent.get(f)) chain.push(f);
  return chain.reverse();
}

/** Long chains are shortened in the message (the data keeps them whole). */
function shown(chain: string[]): string {
  return chain.length <= 8 ? chain.join(' → ') : `${chain.slice(0, 3).join(' → ')} → … (${chain.length - 6} more) → ${chain.slice(-3).join(' → ')}`;
}

export default defineRule<{ maxDepth: number }>({
  meta: {
    id: 'deep-page',
    description: 'A page is many clicks away from the entry pages, so crawlers and readers rarely reach it.',
    defaultSeverity: 'information',
    category: 'structure',
    scope: 'site',
    options: {
      maxDepth: { type: 'number', default: 4, description: 'The most clicks from an entry page (home page or `entryPoints`) a page may be.' },
    },
    fixable: false,
  },
  *check({ model, options, report }) {
    let parents: Map<string, string | null> | undefined;
    let n = 0;
    for (const [file, page] of model.pages) {
      if (++n % PAUSE_EVERY === 0) yield;
      const depth = model.depth(file);
      // Unreachable pages are orphan-page's findings; unindexed pages need no crawl path.
      if (depth === null || depth <= options.maxDepth || model.isUnindexed(file)) continue;
      const chain = pathTo((parents ??= bfsParents(model)), file).map((f) => model.urlOf(f) ?? f);
      report({
        file,
        span: headingSpan(page),
        message: `The page is ${depth} clicks from the entry pages (more than ${options.maxDepth}): ${shown(chain)}. Link to it from a page closer to the home page, such as its cluster's target or a hub.`,
        data: { depth, maxDepth: options.maxDepth, path: chain },
      });
    }
  },
});
