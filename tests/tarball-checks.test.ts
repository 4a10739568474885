import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ownTypeErrors } from '../scripts/rehearsal/examples.mjs';
import {
  bundledThirdParty,
  duplicatedModules,
  readmeLinkProblems,
} from '../scripts/rehearsal/tarball-checks.mjs';

// The rules the release rehearsal and tests/pack.test.ts apply to each published tarball, on
// small made-up packages: each finds the problem it exists for, and passes what is right.
const FOLDER = 'https://github.com/ct-fracture/ct-fracture/tree/main/packages/labels#readme';
const CONTRACTS = 'https://github.com/ct-fracture/ct-fracture/blob/main/docs/contracts.md';
const SHIPPED = ['README.md', 'LICENSE', 'dist/index.js', 'dist/index.cjs'];

describe('readmeLinkProblems', () => {
  it.each([
    ['a link to the repository', `See [docs/contracts.md](${CONTRACTS}).`, ''],
    ['a relative link to a shipped file', 'The [licence](LICENSE).', ''],
    [
      'a relative link to an unshipped document',
      'See [contracts](../../docs/contracts.md).',
      'links to ../../docs/contracts.md',
    ],
    [
      'a document named without a link',
      'The format is in docs/contracts.md.',
      'mentions docs/contracts.md without linking it',
    ],
    [
      'an unshipped folder, no link to the package folder',
      'Data in fixtures/ct.nii.',
      'mentions fixtures/ct.nii',
    ],
    ['an unshipped folder, the package folder linked', `fixtures/ct.nii ([repo](${FOLDER}))`, ''],
    ['a document named inside a code fence', '```sh\ncat docs/contracts.md\n```', ''],
  ])('%s', (_case, markdown, problem) => {
    const problems = readmeLinkProblems(markdown, SHIPPED, 'labels', FOLDER);
    if (problem === '') expect(problems).toEqual([]);
    else expect(problems.join('\n')).toContain(problem);
  });
});

describe('ownTypeErrors', () => {
  it("drops tfjs-core's own declaration errors (npm and pnpm layouts), keeps everything else", () => {
    const output = [
      'node_modules/@tensorflow/tfjs-core/dist/hash_util.d.ts(1,10): error TS2304: Cannot find name Long.',
      'node_modules/.pnpm/@tensorflow+tfjs-core@4.22.0/node_modules/@tensorflow/tfjs-core/dist/io/types.d.ts(2,3): error TS2304: Cannot find name RequestInit.',
      '  continuation of a tfjs-core error',
      'node_modules/@ct-fracture/eval/dist/index.d.ts(5,1): error TS2307: Cannot find module vega-lite.',
      'examples/densenet3d/1/example.mts(3,7): error TS2345: Argument of type string.',
      '  continuation of ours',
    ].join('\n');
    expect(ownTypeErrors(output)).toEqual([
      'node_modules/@ct-fracture/eval/dist/index.d.ts(5,1): error TS2307: Cannot find module vega-lite.',
      'examples/densenet3d/1/example.mts(3,7): error TS2345: Argument of type string.',
      '  continuation of ours',
    ]);
  });
});

describe('bundled code in a package', () => {
  let root = '';
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  function packageWith(files: Record<string, string>): string[] {
    root = mkdtempSync(join(tmpdir(), 'ctf-tarball-checks-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    return Object.keys(files);
  }

  it('finds a module bundled into two files of one format (two module instances)', () => {
    const files = packageWith({
      'dist/index.cjs': '// src/model.ts\nclass A {}\n',
      'dist/node.cjs': '// src/model.ts\nclass A {}\n// src/node.ts\n',
      'dist/index.js': '// src/model.ts\n',
      'dist/node.js': "import './chunk.js';\n// src/node.ts\n",
    });
    expect(duplicatedModules(root, files)).toEqual([
      { format: 'cjs', module: 'src/model.ts', files: ['dist/index.cjs', 'dist/node.cjs'] },
    ]);
  });

  it('passes shared chunks: each module once per format', () => {
    const files = packageWith({
      'dist/chunk-X.cjs': '// src/model.ts\n',
      'dist/index.cjs': "require('./chunk-X.cjs');\n",
      'dist/node.cjs': "require('./chunk-X.cjs');\n// src/node.ts\n",
      'dist/chunk-Y.js': '// src/model.ts\n',
    });
    expect(duplicatedModules(root, files)).toEqual([]);
  });

  it('names the third-party packages bundled (npm and pnpm paths), not build-tool shims', () => {
    const files = packageWith({
      'dist/index.js': [
        '// ../../node_modules/.pnpm/nifti-reader-js@0.8.0/node_modules/nifti-reader-js/src/nifti1.js',
        '// node_modules/@tensorflow/tfjs-core/dist/gradients/Abs_grad.js',
        '// ../../node_modules/.pnpm/tsup@8.5.0/node_modules/tsup/assets/esm_shims.js',
        '// src/index.ts',
      ].join('\n'),
    });
    expect(bundledThirdParty(root, files)).toEqual(['@tensorflow/tfjs-core', 'nifti-reader-js']);
  });
});
