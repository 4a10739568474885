import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown } from './config-reference';

describe('README configuration reference', () => {
  it('is the one generated from the schema (pnpm --filter @ct-fracture/trainer docs)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('<!-- config-reference:start');
    const end = readme.indexOf('<!-- config-reference:end -->');
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(readme.indexOf('-->', start) + 3, end).trim();
    expect(block).toBe(configReferenceMarkdown().trim());
  });
});
