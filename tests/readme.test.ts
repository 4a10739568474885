import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configReferenceMarkdown } from '@ct-fracture/trainer';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workspace';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('opens with exactly two commands: set-up + demo, then the tests', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = block
      .trim()
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim());
    expect(commands).toEqual(['bash scripts/setup.sh', 'pnpm test']);
    const setup = readFileSync(join(ROOT, 'scripts/setup.sh'), 'utf8');
    expect(setup).toContain('pnpm turbo run train');
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci.trim().split('\n').at(-1)).toBe('pnpm test');
  });

  it('carries the configuration reference generated from the zod schema', () => {
    const start = readme.indexOf('<!-- config-reference:start');
    const end = readme.indexOf('<!-- config-reference:end -->');
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(readme.indexOf('-->', start) + 3, end).trim();
    expect(block).toBe(configReferenceMarkdown().trim());
  });
});
