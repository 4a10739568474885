// Scaffolds a workspace package: package.json, tsconfig, tsup config, README stub.
// Usage: node scripts/new-package.mjs <folder> <npm-name> "<one-line responsibility>"
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, name, description] = process.argv.slice(2);
if (!folder || !name || !description) {
  console.error('usage: node scripts/new-package.mjs <folder> <npm-name> "<description>"');
  process.exit(2);
}
if (existsSync(join(folder, 'package.json'))) {
  console.error(`${folder}/package.json exists already`);
  process.exit(1);
}
mkdirSync(join(folder, 'src'), { recursive: true });
const depth = folder.split('/').length;
const up = '../'.repeat(depth);
const pkg = {
  name,
  version: '0.0.0',
  description,
  license: 'Apache-2.0',
  repository: {
    type: 'git',
    url: 'git+https://github.com/ct-fracture/ct-fracture.git',
    directory: folder,
  },
  homepage: `https://github.com/ct-fracture/ct-fracture/tree/main/${folder}#readme`,
  bugs: { url: 'https://github.com/ct-fracture/ct-fracture/issues' },
  type: 'module',
  sideEffects: false,
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md'],
  engines: { node: '>=20.19' },
  scripts: {
    build: 'tsup',
    prepack: `turbo run build --filter=${name} --output-logs=errors-only`,
    typecheck: 'tsc -p tsconfig.json',
    lint: 'biome check .',
    test: 'vitest run',
  },
  publishConfig: { access: 'public' },
};
writeFileSync(join(folder, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  join(folder, 'tsconfig.json'),
  `${JSON.stringify({ extends: `${up}tsconfig.base.json`, include: ['src', '*.config.ts'] }, null, 2)}\n`,
);
writeFileSync(
  join(folder, 'tsup.config.ts'),
  `import { defineConfig } from 'tsup';
import { packageBuild } from '${up}tsup.shared';

export default defineConfig(packageBuild({ entry: ['src/index.ts'] }));
`,
);
writeFileSync(
  join(folder, 'README.md'),
  `# ${name}\n\n${description}\n\n\`\`\`sh\nnpm install ${name}\n\`\`\`\n`,
);
copyFileSync('LICENSE', join(folder, 'LICENSE')); // run from the repository root
writeFileSync(
  join(folder, 'THIRD_PARTY_NOTICES.md'),
  `# Third-party notices\n\n\`${name}\` bundles no third-party code: its dependencies are installed from npm as separate\npackages, each with its own licence.\n`,
);
console.log(`created ${folder} (${name})`);
