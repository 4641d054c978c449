import tseslint from 'typescript-eslint';

const lspImports = {
  patterns: [
    { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver-protocol'],
      message: 'The analysis core and shared/ are pure: no VS Code or LSP imports (see ARCHITECTURE.md).' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'examples/**', 'artifacts/**', '**/*.vsix', 'test/fixtures/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts', 'shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', lspImports],
      '@typescript-eslint/no-restricted-imports': 'off',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...lspImports,
        paths: [
          { name: 'fs', message: 'Core reads files only through the Workspace interface.' },
          { name: 'node:fs', message: 'Core reads files only through the Workspace interface.' },
          { name: 'fs/promises', message: 'Core reads files only through the Workspace interface.' },
          { name: 'node:fs/promises', message: 'Core reads files only through the Workspace interface.' },
        ],
      }],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
