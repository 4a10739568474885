import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainerError } from '../errors/trainer-error';
import { ORIGINAL_ROTATION_RANGE_DEG } from './augmentation-schema';
import { parseTrainConfig, parseTrainConfigText, readTrainConfig } from './load-config';

function errorOf(run: () => unknown): TrainerError {
  try {
    run();
  } catch (error) {
    if (error instanceof TrainerError) return error;
    throw error;
  }
  throw new Error('expected a TrainerError');
}

describe('parseTrainConfig defaults = the original recipe', () => {
  const config = parseTrainConfig({});
  it.each<[string, unknown]>([
    ['preprocessing.windowHu', [-500, 1300]],
    ['preprocessing.outputRange', [0, 1]],
    ['preprocessing.size', [128, 128, 128]],
    ['preprocessing.resizeMode', 'area'],
    ['preprocessing.reorientToRas', false],
    ['preprocessing.spacingMm', null],
    ['training.batchSize', 4],
    ['training.epochs', 100],
    ['training.validateEvery', 5],
    ['training.bestMetric', 'loss'],
    ['training.earlyStopping', null],
    ['optimizer.type', 'adam'],
    ['optimizer.lr', 5e-4],
    ['optimizer.weightDecay', 0],
    ['schedule.warmupEpochs', 10],
    ['schedule.warmupStartFactor', 0.1],
    ['schedule.minLr', 1e-5],
    ['loss.type', 'focal'],
    ['loss.gamma', 2],
    ['loss.binaryAlpha', 0.5],
    ['loss.multiclassAlpha', null],
    ['model.architecture', 'densenet121'],
    ['augmentation.preset', 'original'],
    ['augmentation.rotation.probability', 0.5],
    ['augmentation.flip.probability', 0],
  ])('%s = %j', (path, expected) => {
    let value: unknown = config;
    for (const key of path.split('.')) value = (value as Record<string, unknown>)[key];
    expect(value).toEqual(expected);
  });

  it('rotates by ±6 radians, expressed in degrees', () => {
    expect(config.augmentation.rotation.rangeDeg).toEqual([
      ORIGINAL_ROTATION_RANGE_DEG,
      ORIGINAL_ROTATION_RANGE_DEG,
      ORIGINAL_ROTATION_RANGE_DEG,
    ]);
    expect((ORIGINAL_ROTATION_RANGE_DEG * Math.PI) / 180).toBeCloseTo(6, 12);
  });

  it('is a fixed point: the effective config parses to itself', () => {
    expect(parseTrainConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });
});

describe('augmentation presets', () => {
  it('lets fields override a preset one by one', () => {
    const config = parseTrainConfig({
      augmentation: { preset: 'light', rotation: { probability: 1 }, flip: { axes: [0] } },
    });
    expect(config.augmentation.rotation).toEqual({ probability: 1, rangeDeg: [15, 15, 15] });
    expect(config.augmentation.flip).toEqual({ probability: 0, axes: [0] });
    expect(config.augmentation.zoom).toEqual({ probability: 0.3, min: 0.9, max: 1.1 });
  });

  it("turns everything off with 'none'", () => {
    const { augmentation } = parseTrainConfig({ augmentation: { preset: 'none' } });
    expect(
      [augmentation.rotation, augmentation.zoom, augmentation.noise].map((a) => a.probability),
    ).toEqual([0, 0, 0]);
  });
});

describe('invalid configurations', () => {
  it.each<[string, string, Partial<TrainerError>, RegExp]>([
    [
      'unknown key, YAML',
      'training:\n  epochs: 3\n  epoch: 5\n',
      { line: 3, column: 3, field: 'training.epoch' },
      /unknown key "epoch" in training/,
    ],
    [
      'unknown section',
      'optimiser:\n  lr: 1\n',
      { line: 1, column: 1, field: 'optimiser' },
      /unknown key "optimiser" at the top level/,
    ],
    [
      'wrong type, JSON',
      '{\n  "optimizer": {\n    "lr": "fast"\n  }\n}',
      { line: 3, column: 5, field: 'optimizer.lr', value: '"fast"' },
      /optimizer\.lr: .*expected number.*got "fast"/,
    ],
    [
      'out of range',
      'augmentation:\n  rotation:\n    probability: 1.5\n',
      { line: 3, field: 'augmentation.rotation.probability', value: '1.5' },
      /augmentation\.rotation\.probability: .*<=1.*got 1\.5/,
    ],
    [
      'bad enum',
      'loss:\n  type: dice\n',
      { line: 2, field: 'loss.type', value: '"dice"' },
      /loss\.type: .*"focal"\|"cross-entropy".*got "dice"/,
    ],
    [
      'bad best metric',
      'training: {bestMetric: auc}\n',
      { field: 'training.bestMetric' },
      /must be 'loss'/,
    ],
    [
      'warm-up longer than training',
      'training: {epochs: 5}\n',
      { field: 'schedule.warmupEpochs' },
      /must be less than training\.epochs \(5\)/,
    ],
    ['syntax error', 'training: [1,\n', { line: 2, column: 1 }, /must be JSON or YAML/],
    ['not a mapping', '- 1\n- 2\n', { value: '[1,2]' }, /must be a mapping of sections/],
  ])('%s', (_name, text, fields, message) => {
    const error = errorOf(() => parseTrainConfigText(text, 'train.yaml'));
    expect(error.code).toBe('invalid-config');
    expect(error.file).toBe('train.yaml');
    expect(error).toMatchObject(fields);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith('train.yaml')).toBe(true);
  });

  it('lists every problem in one message', () => {
    const error = errorOf(() =>
      parseTrainConfig({ training: { epochs: 0, batchSize: 'x' }, model: { depth: 3 } }),
    );
    expect(error.message).toMatch(/training\.epochs/);
    expect(error.message).toMatch(/training\.batchSize/);
    expect(error.message).toMatch(/unknown key "depth" in model/);
  });
});

describe('overrides and files', () => {
  it('applies overrides on top of the file', () => {
    const config = parseTrainConfigText('training:\n  epochs: 30\n  batchSize: 8\n', 'c.yaml', [
      { path: 'training.batchSize', value: 2 },
      { path: 'optimizer.lr', value: 1e-3 },
    ]);
    expect([config.training.epochs, config.training.batchSize, config.optimizer.lr]).toEqual([
      30, 2, 1e-3,
    ]);
  });

  it('reports an invalid override without a file position', () => {
    const error = errorOf(() =>
      parseTrainConfigText('training:\n  epochs: 30\n', 'c.yaml', [
        { path: 'training.epochs', value: -1 },
      ]),
    );
    expect(error).toMatchObject({ field: 'training.epochs', line: undefined });
  });

  it('refuses an override through a non-section value', () => {
    const error = errorOf(() =>
      parseTrainConfigText('training:\n  epochs: 30\n', 'c.yaml', [
        { path: 'training.epochs.x', value: 1 },
      ]),
    );
    expect(error.message).toMatch(/training\.epochs is a number, not a section/);
  });

  it('reads JSON and YAML files, and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-config-'));
    await writeFile(join(dir, 'a.json'), '{"training": {"epochs": 12}}');
    await writeFile(join(dir, 'b.yml'), 'training:\n  epochs: 13\n');
    expect((await readTrainConfig(join(dir, 'a.json'))).training.epochs).toBe(12);
    expect((await readTrainConfig(join(dir, 'b.yml'))).training.epochs).toBe(13);
    expect((await readTrainConfig(null)).training.epochs).toBe(100);
    await expect(readTrainConfig(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'config-io',
      file: join(dir, 'missing.yaml'),
    });
  });
});
