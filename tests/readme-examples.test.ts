import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installLineProblems } from '../scripts/rehearsal/examples.mjs';
import {
  importedSpecifiers,
  installedPackages,
  moduleVariants,
  packageOfSpecifier,
  readmeExamples,
  transpileExample,
} from '../scripts/rehearsal/readme-examples.mjs';
import { publishedPackages, ROOT } from './workspace';

// README examples are run from the published packages by the release rehearsal
// (scripts/release-rehearsal.mjs); these are its extraction rules, and what can be checked
// without a registry: each README says how to install what its examples import.
const fence = '```';

describe('README example extraction', () => {
  const markdown = [
    '# pkg',
    `${fence}sh`,
    'npm install @ct-fracture/densenet3d @tensorflow/tfjs-core@^4.22.0 --save # the model',
    'pnpm add zod',
    fence,
    `${fence}ts`,
    "import { a } from '@ct-fracture/densenet3d';",
    "import * as tf from '@tensorflow/tfjs-core';",
    'const x: number = await a();',
    'console.log(x, tf);',
    fence,
    `${fence}ts fragment`,
    'interface Shown { only: true }',
    fence,
    `${fence}json`,
    '{}',
    fence,
    `  ${fence}js`,
    "  const { join } = await import('node:path');",
    `  ${fence}`,
  ].join('\n');

  it('takes ts and js fences as examples, with their line, and skips `fragment` fences', () => {
    const examples = readmeExamples(markdown);
    expect(examples.map((example) => [example.lang, example.line, example.typescript])).toEqual([
      ['ts', 6, true],
      ['js', 18, false],
    ]);
    expect(examples[1]?.code).toBe("const { join } = await import('node:path');");
  });

  it('reads the install lines, flags dropped', () => {
    expect(installedPackages(markdown)).toEqual([
      '@ct-fracture/densenet3d',
      '@tensorflow/tfjs-core@^4.22.0',
      'zod',
    ]);
  });

  it.each([
    ['@ct-fracture/densenet3d/node', '@ct-fracture/densenet3d'],
    ['zod', 'zod'],
    ['zod/v4', 'zod'],
    ['node:fs', undefined],
    ['./local', undefined],
  ])('the package of %s is %s', (specifier, name) => {
    expect(packageOfSpecifier(specifier)).toBe(name);
  });

  it('finds static, dynamic and require imports', () => {
    const code = "import a from 'a';\nconst b = await import('b');\nconst c = require('c');";
    expect(importedSpecifiers(code)).toEqual(['a', 'b', 'c']);
  });

  it('makes a CommonJS variant: imports first, the body in an async function', () => {
    const { esm, cjs } = moduleVariants(
      "import { a } from 'a';\nconst x = await a();\nconsole.log(x);",
    );
    expect(esm).toBe("import { a } from 'a';\nconst x = await a();\nconsole.log(x);\n");
    const js = transpileExample(cjs, 'commonjs');
    expect(js).toContain('require("a")');
    expect(js).toMatch(/async function main\(\)/);
    expect(js).toContain('process.exitCode = 1');
    expect(transpileExample(esm, 'esnext')).toContain("import { a } from 'a';");
  });
});

describe('package READMEs', () => {
  it.each(publishedPackages().map((pkg) => [pkg.name, pkg.dir]))(
    '%s: the install line covers every package its examples import',
    (name, dir) => {
      const path = `${dir.slice(ROOT.length + 1)}/README.md`;
      const markdown = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(installLineProblems({ name, path, markdown })).toEqual([]);
    },
  );
});
