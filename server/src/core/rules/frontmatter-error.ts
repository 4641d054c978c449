import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'frontmatter-error',
    description: 'The page\'s frontmatter cannot be read; the body is still analysed.',
    defaultSeverity: 'error',
    category: 'syntax',
    options: {},
    fixable: false,
  },
  check({ model, report }) {
    for (const [file, page] of model.pages) {
      for (const p of page.problems) if (p.kind === 'frontmatter-error') report({ file, span: p.span, message: p.message });
    }
  },
});
