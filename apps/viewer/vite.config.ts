import { defineConfig } from 'vite';
import { thirdPartyLicenses } from './scripts/third-party-licenses.ts';

// A static build with relative URLs (served by `ct-fracture view` at /, or from any folder),
// everything bundled: no request leaves the page's origin.
export default defineConfig({
  base: './',
  plugins: [thirdPartyLicenses()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
});
