import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'search-console-error',
    description: 'A Search Console export named in `searchConsole` cannot be read or has malformed rows; those rows are left out.',
    defaultSeverity: 'warning',
    category: 'syntax',
    scope: 'site',
    options: {},
    fixable: false,
  },
  check({ model, report }) {
    for (const p of model.searchConsoleInput?.problems ?? []) report({ file: p.file, range: p.range, message: p.message });
  },
});
