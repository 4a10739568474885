import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['src/test-support/setup.ts'],
    testTimeout: 120_000,
    // Native kernels use every core; parallel test files would only fight for them.
    fileParallelism: false,
  },
});
