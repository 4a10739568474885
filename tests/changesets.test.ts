import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, ROOT } from './workspace';

// Pending changesets become the published CHANGELOG.md of each package: written for the labs
// that install it, not as a log of the repository's work.
const folder = join(ROOT, '.changeset');
const changesets = readdirSync(folder)
  .filter((file) => file.endsWith('.md') && file !== 'README.md')
  .map((file) => {
    const text = readFileSync(join(folder, file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    return { file, header: match?.[1] ?? '', body: (match?.[2] ?? '').trim() };
  });
const publicNames = new Set(publishedPackages().map((pkg) => pkg.name));

/** What a changelog entry must not contain: [rule, pattern]. */
const DEV_LOG: [string, RegExp][] = [
  [
    'a path inside the repository (not shipped)',
    /(?<![\w.@/-])(?:packages|apps|tests|scripts|docs|bench|fixtures|src)\/[\w.-]/,
  ],
  ['a repository-only command', /\bpnpm (?:turbo|--filter|--silent ct-fracture)\b|\bturbo run\b/],
  ['development vocabulary', /\b(?:skeletons?|stubs?|refactor\w*|test-only|vitest|biome|tsup)\b/i],
  [
    'a change to the tests only',
    /\b(?:browser|unit|e2e|end-to-end|integration|parity|regression|golden) tests?\b/i,
  ],
];

describe('pending changesets (the next CHANGELOG.md entries)', () => {
  it('exist', () => {
    expect(changesets.length).toBeGreaterThan(0);
  });

  it.each(changesets.map((changeset) => [changeset.file, changeset] as const))(
    '%s bumps published packages and reads as a note for users',
    (_file, changeset) => {
      const bumped = [
        ...changeset.header.matchAll(/^["']([^"']+)["']:\s*(patch|minor|major)\s*$/gm),
      ];
      expect(bumped.length).toBeGreaterThan(0);
      for (const [, name] of bumped) expect(publicNames.has(name ?? ''), name).toBe(true);
      expect(changeset.body.length).toBeGreaterThan(0);
      const problems = DEV_LOG.filter(([, pattern]) => pattern.test(changeset.body)).map(
        ([rule, pattern]) => `${rule}: ${JSON.stringify(pattern.exec(changeset.body)?.[0])}`,
      );
      expect(problems).toEqual([]);
    },
  );
});
