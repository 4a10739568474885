import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // End-to-end tests spawn processes that use every core: one file at a time.
    fileParallelism: false,
  },
});
