import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI runs every package's tests side by side on two cores: time limits catch hangs, not speed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
