import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'config-error',
    description: '`pillarlink.json` is invalid; the defaults are used for what cannot be read.',
    defaultSeverity: 'error',
    category: 'syntax',
    scope: 'site',
    options: {},
    fixable: false,
  },
  check({ model, report }) {
    for (const p of model.configProblems) report({ file: p.file, range: p.range, message: p.message });
  },
});
