import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // tfjs-core's gradient registrations are ES modules in a CommonJS package: let Vite load them.
    server: { deps: { inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/] } },
    testTimeout: 60_000,
  },
});
