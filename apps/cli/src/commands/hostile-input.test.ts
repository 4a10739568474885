import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

// Issue 16: what a careless or unlucky user meets gets a one-line error naming the file, flag or
// field — never "internal error" — or, for an optimisation that fails (the cache), a warning.

const PACKAGES = join(__dirname, '..', '..', '..', '..', 'packages');
const FIXTURES = join(PACKAGES, 'densenet3d', 'fixtures');
const HEADER =
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement';
const IDENTITY = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];
const TASKS = [
  'fracture=fc_fracture:1-part,2-part,multipart,dislocation',
  'gt_displacement=fc_gt:no,yes',
  'shaft_translation=fc_shaft:none,substantial,complete',
  'varus=fc_varus:no,yes',
  'articular=fc_art:none-rim,subcritical,headsplit',
];

let dir: string;
let checkpoint: string;
let tiny: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-hostile-'));
  for (const [split, csv, count] of [
    ['one_side_train', 'train_labels.csv', 2],
    ['one_side_test', 'test_labels.csv', 2],
  ] as const) {
    await mkdir(join(dir, 'data', 'new_datasets', split), { recursive: true });
    const lines = [HEADER];
    for (let i = 0; i < count; i += 1) {
      const id = `${split}${i}`.replace(/_/g, '');
      const data = new Float32Array(8 ** 3).map((_, v) => ((v * (i + 3)) % 1800) - 500);
      await writeNifti(join(dir, 'data', 'new_datasets', split, `${id}-r.nii`), {
        data,
        shape: [8, 8, 8],
        spacingMm: [1, 1, 1],
        affine: IDENTITY,
      });
      lines.push(`${id},${i % 2 ? '2-part' : '1-part'},no,none,${i % 2 ? 'yes' : 'no'},none-rim`);
    }
    await writeFile(join(dir, 'data', csv), `${lines.join('\n')}\n`);
  }
  tiny = join(dir, 'tiny.yaml');
  await writeFile(
    tiny,
    [
      'preprocessing: {size: [8, 8, 8]}',
      'model: {architecture: custom, initFeatures: 2, growthRate: 2, blockConfig: [1], bnSize: 1}',
      'schedule: {type: constant}',
      'training: {epochs: 1, batchSize: 2, validateEvery: 1, workers: 0, backend: cpu}',
    ].join('\n'),
  );
  checkpoint = join(dir, 'ckpt');
  const imported = await run(
    'import-torch',
    join(FIXTURES, 'multi-head.pth'),
    '--out',
    checkpoint,
    '--size',
    '20',
    ...TASKS.flatMap((task) => ['--task', task]),
  );
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('train: bad flags and run folders are named', () => {
  it('a bad --model value is a usage error about the flag, not the config file', async () => {
    const result = await run(
      'train',
      '--config',
      tiny,
      '--data',
      join(dir, 'data'),
      '--model',
      'resnet',
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--model <name>' argument 'resnet' is invalid/);
    expect(result.err).not.toContain('tiny.yaml');
  });

  it('a garbage config.json of a run to resume is named', async () => {
    const runDir = join(dir, 'garbage-run');
    await mkdir(runDir);
    await writeFile(join(runDir, 'config.json'), '{"training": {"epochs": 3,');
    const result = await run('train', '--resume', runDir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${join(runDir, 'config.json')}: the run's config.json must be JSON`,
    );
    expect(result.err).not.toContain('internal error');
  });

  it('a run folder that cannot be written is named', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const result = await run(
      'train',
      '--config',
      tiny,
      '--data',
      join(dir, 'data'),
      '--run-dir',
      join(blocker, 'run'),
      '--no-report',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${join(blocker, 'run')}: the run folder must be a writable folder`,
    );
    expect(result.err).not.toContain('internal error');
  });

  it('train and validate go on when the cache cannot be written, warning once', async () => {
    const blocker = join(dir, 'cache-blocker');
    await writeFile(blocker, 'x');
    const runsDir = join(dir, 'runs-no-cache');
    const trained = await run(
      'train',
      '--config',
      tiny,
      '--data',
      join(dir, 'data'),
      '--runs-dir',
      runsDir,
      '--cache-dir',
      join(blocker, 'cache'),
      '--no-calibration',
      '--no-report',
    );
    expect(trained.err).not.toContain('internal error');
    expect(trained.code).toBe(0);
    expect(trained.err.match(/preprocessing cache .* cannot be written/g)).toHaveLength(1);
    const validated = await run('validate', '--runs-dir', runsDir, '--backend', 'cpu');
    expect(validated.err).not.toContain('internal error');
    expect(validated.code).toBe(0);
    expect(validated.err.match(/preprocessing cache .* cannot be written/g)).toHaveLength(1);
  });
});

describe('predict and explain refuse scans a model cannot use, naming them', () => {
  it('a scan with NaN voxels (was: ordinary-looking probabilities)', async () => {
    const scan = join(dir, 'nan.nii');
    await writeNifti(scan, {
      data: new Float32Array(8 ** 3).fill(Number.NaN),
      shape: [8, 8, 8],
      spacingMm: [1, 1, 1],
      affine: IDENTITY,
    });
    const result = await run('predict', '--checkpoint', checkpoint, scan, '--backend', 'cpu');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${scan}: the voxel values must be finite numbers, got NaN`);
  });

  it('a 4D image (was: frame 0, silently)', async () => {
    const scan = join(PACKAGES, 'nifti-io', 'fixtures', 'nifti', '4d_float32.nii.gz');
    const result = await run('predict', '--checkpoint', checkpoint, scan, '--backend', 'cpu');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${scan}: the image must be one 3D volume, got 3 frames`);
  });

  it('explain on a scan whose affine is NaN (was: "grid.affine must be…", no file)', async () => {
    const bytes = await readFile(join(FIXTURES, 'volume.nii'));
    bytes.writeFloatLE(Number.NaN, 280); // srow_x[0]; the file has an sform
    const scan = join(dir, 'nan-affine.nii');
    await writeFile(scan, bytes);
    const result = await run(
      'explain',
      '--checkpoint',
      checkpoint,
      scan,
      '--task',
      'gt_displacement',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'cams'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${scan}: the scan's affine (sform, else qform) must be finite`);
  });
});
