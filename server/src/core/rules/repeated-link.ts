import { positionAt } from '../positions';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'repeated-link',
    description: 'The body links the same page more than once; only the first link helps readers and search engines.',
    defaultSeverity: 'information',
    category: 'links',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const links = model.outbound.get(file) ?? [];
      const page = model.pages.get(file)!;
      const first = new Map<string, number>();
      for (const l of links) {
        // In-page jumps (a table of contents) are not repeats; fragments of another page are the same page.
        if (l.res.kind !== 'page' || l.link.image || l.link.placement !== 'content' || l.res.file === file) continue;
        const to = l.res.file;
        const at = first.get(to);
        if (at === undefined) { first.set(to, l.link.span.start); continue; }
        const line = positionAt(page.lineStarts, page.length, at).line + 1;
        report({
          file,
          span: l.link.span,
          message: `"${model.titleOf(to)}" is already linked on line ${line}. Repeated links to the same page add nothing; keep the first, or link a different page here.`,
          data: { target: to, linkIndex: l.index },
        });
      }
    }
  },
});
