import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

// The runs themselves (local, resumed, on Slurm) are tests/cv.test.ts's; here: flags and errors.
const folder = mkdtempSync(join(tmpdir(), 'ctf-cv-cli-'));

describe('ct-fracture cv: usage errors, one line each, before anything is written', () => {
  it.each([
    { args: ['cv', '--data', folder], message: 'cv needs --folds K (an integer ≥ 2)' },
    {
      args: ['cv', '--data', folder, '--folds', '1'],
      message: "--folds must be an integer ≥ 2, got '1'",
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--repeats', '0'],
      message: "--repeats must be an integer ≥ 1, got '0'",
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--jobs', 'two'],
      message: "--jobs must be an integer ≥ 1, got 'two'",
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--partition', 'gpu'],
      message: '--partition needs --slurm',
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--submit'],
      message: '--submit needs --slurm',
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--slurm', '--cpus', '0'],
      message: "--cpus must be an integer ≥ 1, got '0'",
    },
    {
      args: ['cv', '--resume', folder, '--folds', '3'],
      message: '--resume continues a cross-validation with its own cv.json; drop --folds',
    },
    {
      args: ['cv', '--resume', folder, '--epochs', '3'],
      message:
        '--resume continues a cross-validation with its own cv.json; drop the training flags',
    },
    { args: ['cv-fold', folder, 'x'], message: "the fold index must be an integer ≥ 0, got 'x'" },
  ])('$message', async ({ args, message }) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`ct-fracture: ${message}\n`);
  });

  it.each([
    {
      args: ['cv', '--data', folder, '--folds', '2', '--slurm', '--time', '2 days'],
      message: '--time must be minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]], got "2 days"',
    },
    {
      args: ['cv', '--data', folder, '--folds', '2', '--slurm', '--mem', '8 GB'],
      message: '--mem must be a size in MB or with a unit K, M, G or T (e.g. 32G), got "8 GB"',
    },
  ])('$message (exit 1)', async ({ args, message }) => {
    const { code, err } = await run(...args);
    expect(code).toBe(1);
    expect(err).toBe(`ct-fracture: ${message}\n`);
  });

  it('names cv.json for a folder that is not a cross-validation', async () => {
    for (const args of [
      ['cv', '--resume', folder],
      ['cv', 'report', folder],
      ['cv-fold', folder, '0'],
    ]) {
      const { code, err } = await run(...args);
      expect(code).toBe(1);
      expect(err).toBe(
        `ct-fracture: ${join(folder, 'cv.json')}: a cross-validation folder must hold cv.json (written by ct-fracture cv), got none\n`,
      );
    }
  });
});
