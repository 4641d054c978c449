import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'parse-error',
    description: 'An MDX page does not parse; it is analysed as plain Markdown instead.',
    defaultSeverity: 'error',
    category: 'syntax',
    options: {},
    fixable: false,
  },
  check({ model, report }) {
    for (const [file, page] of model.pages) {
      for (const p of page.problems) if (p.kind === 'parse-error') report({ file, span: p.span, message: p.message });
    }
  },
});
