import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Options } from 'tsup';

/**
 * tsup makes CommonJS chunks by converting its ES module output with sucrase, which turns every
 * `import('pkg')` into `require('pkg')`: that fails for an ES-module-only package with top-level
 * await (vega's canvas loader), where esbuild's own CommonJS output keeps `import()`. This puts
 * the `import()` of a package back (relative chunks stay `require`, they are CommonJS).
 * @returns the number of dynamic imports restored in `dir`'s `.cjs` files.
 */
export async function restoreDynamicImports(dir: string): Promise<number> {
  const converted =
    /Promise\.resolve\(\)\.then\(\(\) => _interopRequireWildcard\(require\(("(?![./])[^"]+")\)\)\)/g;
  let restored = 0;
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.cjs')) continue;
    const path = join(dir, file);
    const code = await readFile(path, 'utf8');
    const fixed = code.replace(converted, (_match, specifier: string) => {
      restored++;
      return `import(${specifier})`;
    });
    if (fixed !== code) await writeFile(path, fixed);
  }
  return restored;
}

/**
 * The build every package shares (each `tsup.config.ts` adds its entries):
 * - ESM and CommonJS, both with shared chunks (`splitting`), so code that two entries use —
 *   `.` and `/node`, or a worker entry — is one module with one state and one set of classes
 *   in each format, never a copy per entry; `import()` of other packages stays `import()`;
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
    onSuccess: async () => {
      await restoreDynamicImports('dist');
    },
    ...options,
  };
}
