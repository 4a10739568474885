import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { CONFIG_FLAGS } from '@ct-fracture/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BACKEND_CHOICES } from '../backend';
import { runMain as run } from '../test-support/run-main';

const HEADER =
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-train-'));
  for (const [split, csv, count] of [
    ['one_side_train', 'train_labels.csv', 4],
    ['one_side_test', 'test_labels.csv', 2],
  ] as const) {
    await mkdir(join(dir, 'data', 'new_datasets', split), { recursive: true });
    const lines = [HEADER];
    for (let i = 0; i < count; i += 1) {
      const id = `${split}${i}`.replace(/_/g, '');
      const data = new Float32Array(16 ** 3).map((_, v) => ((v * (i + 3)) % 1800) - 500);
      await writeNifti(join(dir, 'data', 'new_datasets', split, `${id}-r.nii`), {
        data,
        shape: [16, 16, 16],
        spacingMm: [1, 1, 1],
        affine: [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
      });
      lines.push(`${id},${i % 2 ? '2-part' : '1-part'},no,none,${i % 2 ? 'yes' : 'no'},none-rim`);
    }
    await writeFile(join(dir, 'data', csv), `${lines.join('\n')}\n`);
  }
  await writeFile(
    join(dir, 'tiny.yaml'),
    [
      'preprocessing: {size: [16, 16, 16]}',
      'model: {architecture: custom, initFeatures: 4, growthRate: 4, blockConfig: [1, 1], bnSize: 2}',
      'schedule: {type: constant}',
      'training: {batchSize: 2, validateEvery: 1, workers: 0}',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ct-fracture train', () => {
  it('trains, writes the run folder and prints one JSON document with --json', async () => {
    const runDir = join(dir, 'run');
    const result = await run(
      'train',
      '--config',
      join(dir, 'tiny.yaml'),
      '--data',
      join(dir, 'data'),
      '--epochs',
      '2',
      '--run-dir',
      runDir,
      '--backend',
      'cpu',
      '--json',
    );
    expect(result.err).toContain('effective configuration:');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out);
    expect(summary).toMatchObject({
      runDir,
      reason: 'completed',
      epochsCompleted: 2,
      backend: 'cpu',
    });
    expect(summary.lastValidation.split).toBe('validation');
    expect(summary.peakRssMb).toBeGreaterThan(0);
    expect(summary.lastTrain.peakRssMb).toBeGreaterThan(0);
    expect(result.err).toMatch(/training completed, peak RSS \d+ MB →/);
    const config = JSON.parse(await readFile(join(runDir, 'config.json'), 'utf8'));
    expect(config.training).toMatchObject({ epochs: 2, batchSize: 2, backend: 'cpu' });
    const resumed = await run('train', '--resume', runDir, '--epochs', '3', '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ epochsCompleted: 3, reason: 'completed' });
  });

  it('prints the effective configuration: defaults, file, then flags', async () => {
    const result = await run(
      'train',
      '--config',
      join(dir, 'tiny.yaml'),
      '--data',
      join(dir, 'data'),
      '--lr',
      '0.001',
      '--size',
      '32,32,24',
      '--set',
      'loss.type=cross-entropy',
      '--print-config',
    );
    expect(result.code).toBe(0);
    const config = parseYaml(result.out);
    expect(config.data.dir).toBe(join(dir, 'data'));
    expect(config.optimizer.lr).toBe(0.001);
    expect(config.preprocessing.size).toEqual([32, 32, 24]);
    expect(config.loss.type).toBe('cross-entropy');
    expect(config.training.batchSize).toBe(2);
    expect(config.training.epochs).toBe(100);
  });

  it('without data configured runs the demo: phantoms in data/demo, a small fast model', async () => {
    const result = await run('train', '--epochs', '5', '--print-config');
    expect(result.code).toBe(0);
    const config = parseYaml(result.out);
    expect(config.data.dir).toBe(join('data', 'demo'));
    expect(config.model.architecture).toBe('custom');
    expect(config.preprocessing.size).toEqual([48, 48, 48]);
    expect(config.training.epochs).toBe(5);
  });

  it('sets every field of the flag table (CONFIG_FLAGS) from its flag', async () => {
    const given: Record<string, [string | null, unknown]> = {
      '--data': ['d', 'd'],
      '--train-csv': ['t.csv', 't.csv'],
      '--train-dir': ['t', 't'],
      '--val-csv': ['v.csv', 'v.csv'],
      '--val-dir': ['v', 'v'],
      '--epochs': ['40', 40],
      '--batch-size': ['3', 3],
      '--lr': ['0.002', 0.002],
      '--size': ['32,32,24', [32, 32, 24]],
      '--model': ['densenet169', 'densenet169'],
      '--augment': ['light', 'light'],
      '--workers': ['0', 0],
      '--validate-every': ['2', 2],
      '--seed': ['9', 9],
      '--skip-bad': [null, true],
      '--no-cache': [null, false],
      '--cache-dir': ['c', 'c'],
      '--backend': ['cpu', 'cpu'],
      '--runs-dir': ['r', 'r'],
      '--run-dir': ['r/x', 'r/x'],
      '--no-calibration': [null, false],
    };
    const names = CONFIG_FLAGS.map((row) => row.flag.split(' ')[0]!);
    expect(names.sort()).toEqual(Object.keys(given).sort());
    const args = Object.entries(given).flatMap(([flag, [text]]) =>
      text === null ? [flag] : [flag, text],
    );
    const result = await run('train', ...args, '--print-config');
    expect(result.err).toBe('');
    const config = parseYaml(result.out);
    for (const row of CONFIG_FLAGS) {
      const value = row.path.split('.').reduce((node, key) => node?.[key], config);
      expect([row.flag, value]).toEqual([row.flag, given[row.flag.split(' ')[0]!]![1]]);
    }
    expect(CONFIG_FLAGS.find((row) => row.path === 'training.backend')?.choices).toEqual(
      BACKEND_CHOICES,
    );
  });

  it.each<[string[], number, RegExp]>([
    [['--epochs', '0'], 2, /--epochs must be an integer ≥ 1, got '0'/],
    [['--size', '4'], 2, /--size must be an integer ≥ 8/],
    [['--set', 'nonsense'], 2, /--set must be KEY=VALUE/],
    [['--resume', 'x', '--config', 'y.yaml'], 2, /drop --config/],
    [['--set', 'training.foo=1', '--print-config'], 1, /unknown key "foo" in training/],
    [['--config', 'missing.yaml'], 1, /missing\.yaml: cannot read the configuration file/],
    [
      ['--data', 'no/such/dir', '--backend', 'cpu'],
      1,
      /train_labels\.csv: the training data must exist/,
    ],
  ])('%j → exit %i, one line', async (args, code, message) => {
    const result = await run('train', ...args);
    expect(result.code).toBe(code);
    const last = result.err.trim().split('\n').pop()!;
    expect(last).toMatch(message);
    expect(last.startsWith('ct-fracture: ')).toBe(true);
  });
});
