import type { Options } from 'tsup';

/**
 * The build every package shares (each `tsup.config.ts` adds its entries):
 * - ESM and CommonJS, both with shared chunks (`splitting`), so code that two entries use —
 *   `.` and `/node`, or a worker entry — is one module with one state and one set of classes
 *   in each format, never a copy per entry;
 * - declarations for both formats;
 * - no source maps in the published files; `CTF_SOURCEMAPS=1 pnpm build` adds them for
 *   debugging a build.
 */
export function packageBuild(options: Options): Options {
  return {
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: process.env.CTF_SOURCEMAPS === '1',
    clean: true,
    target: 'node20',
    ...options,
  };
}
