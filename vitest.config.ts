import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-corpus tests take minutes: `npm run test:corpora`.
    exclude: ['test/vscode/**', 'test/e2e/**', 'node_modules/**', ...(process.env.PILLARLINK_CORPUS_TESTS ? [] : ['test/corpora/**'])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
