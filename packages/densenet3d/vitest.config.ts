import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['src/test-support/setup.ts'],
    testTimeout: 60_000,
  },
});
