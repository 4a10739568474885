import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Source files the main entry may reach: everything but the /node entry, tests and test helpers. */
function mainEntrySources(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts'))
    .filter(
      (path) => path !== 'node.ts' && !path.startsWith('node/') && !path.startsWith('testing/'),
    )
    .map((path) => join(SRC, path));
}

describe('the main entry is browser-safe', () => {
  it('no source file outside /node imports a node: module or the /node entry', () => {
    const offenders = mainEntrySources().filter((file) =>
      /from '(node:[^']+|\.\.?\/(node\/|node'))/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
    expect(mainEntrySources().length).toBeGreaterThan(15);
  });
});
