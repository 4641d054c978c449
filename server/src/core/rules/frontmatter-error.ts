import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'frontmatter-error',
    description: 'The page\'s frontmatter cannot be read; the body is still analysed.',
    defaultSeverity: 'error',
    category: 'syntax',
    scope: 'page',
    options: {},
    fixable: false,
  },
  check({ model, files, report }) {
    for (const file of files) {
      const page = model.pages.get(file)!;
      for (const p of page.problems) if (p.kind === 'frontmatter-error') report({ file, span: p.span, message: p.message });
    }
  },
});
