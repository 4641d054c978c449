import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'parse-error',
    description: 'An MDX page does not parse; it is analysed as plain Markdown instead.',
    defaultSeverity: 'error',
    category: 'syntax',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const page = model.pages.get(file)!;
      for (const p of page.problems) if (p.kind === 'parse-error') report({ file, span: p.span, message: p.message });
    }
  },
});
