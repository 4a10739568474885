import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

describe('ct-fracture synth', () => {
  it('writes the layout, prints progress on stderr and a one-line summary', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ctf-cli-synth-')), 'data');
    const { code, out, err } = await run(
      'synth',
      '--out',
      dir,
      '--train',
      '2',
      '--test',
      '1',
      '--size',
      'small',
      '--workers',
      '0',
    );
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^synth: wrote 2 train \+ 1 test phantoms \(small\) to /);
    expect(err.trim().split('\n')).toHaveLength(3);
    expect(err).toContain('synth: 3/3 test phantom0003');
    for (const file of [
      'train_labels.csv',
      'test_labels.csv',
      'manifest.json',
      'new_datasets/one_side_test/phantom0003.nii',
    ]) {
      expect(existsSync(join(dir, file))).toBe(true);
    }
    expect(readFileSync(join(dir, 'train_labels.csv'), 'utf8').split('\n')[0]).toBe(
      'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement',
    );
  }, 60_000);

  it('refuses a non-empty folder without --force (exit 1, one line) and overwrites with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctf-cli-synth-'));
    const first = await run(
      'synth',
      '--out',
      dir,
      '--train',
      '1',
      '--test',
      '0',
      '--size',
      'small',
      '--workers',
      '0',
    );
    expect(first.code).toBe(0);
    const again = await run(
      'synth',
      '--out',
      dir,
      '--train',
      '1',
      '--test',
      '0',
      '--size',
      'small',
      '--workers',
      '0',
    );
    expect(again.code).toBe(1);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    expect(again.err).toContain('--force');
    const forced = await run(
      'synth',
      '--out',
      dir,
      '--train',
      '1',
      '--test',
      '0',
      '--size',
      'small',
      '--workers',
      '0',
      '--force',
      '--json',
    );
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({ train: 1, test: 0 });
  }, 60_000);

  it.each([
    ['--train', 'x'],
    ['--test', '-1'],
    ['--seed', '1.5'],
    ['--size', 'huge'],
    ['--side', 'up'],
    ['--orientation', 'XYZ'],
    ['--spellings', 'odd'],
    ['--workers', 'many'],
  ])('rejects %s %s as a usage error naming the flag (exit 2)', async (flag, value) => {
    const { code, err } = await run('synth', '--out', join(tmpdir(), 'never-written'), flag, value);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(flag);
  });
});
