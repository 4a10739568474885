import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpointCalibration } from '@ct-fracture/densenet3d/node';
import { readNifti } from '@ct-fracture/nifti-io/node';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'packages', 'densenet3d', 'fixtures');

const MULTI_TASKS = [
  'fracture=fc_fracture:1-part,2-part,multipart,dislocation',
  'gt_displacement=fc_gt:no,yes',
  'shaft_translation=fc_shaft:none,substantial,complete',
  'varus=fc_varus:no,yes',
  'articular=fc_art:none-rim,subcritical,headsplit',
];

let dir: string;
let checkpoint: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-explain-'));
  checkpoint = join(dir, 'ckpt');
  const imported = await run(
    'import-torch',
    join(FIXTURES, 'multi-head.pth'),
    '--out',
    checkpoint,
    '--size',
    '20',
    ...MULTI_TASKS.flatMap((task) => ['--task', task]),
  );
  expect(imported.code).toBe(0);
});

describe('ct-fracture explain', () => {
  it('writes the heatmap NIfTI (scan affine), the PNG mosaic and the JSON summary', async () => {
    const out = join(dir, 'out');
    const scan = join(FIXTURES, 'volume.nii');
    const result = await run(
      'explain',
      '--checkpoint',
      checkpoint,
      scan,
      '--task',
      'gt_displacement',
      '--class',
      'yes',
      '--method',
      'gradcam++',
      '--backend',
      'cpu',
      '--out',
      out,
      '--json',
    );
    expect(result.err).toContain('backend: cpu');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.out);
    expect(document).toMatchObject({
      file: scan,
      scan: 'volume',
      task: 'gt_displacement',
      class: 'yes',
      method: 'gradcam++',
      layer: 'features.denseblock3',
      modelShape: [20, 20, 20],
    });
    expect(document.files.nifti).toBe(join(out, 'volume_gt_displacement_yes_gradcam.nii.gz'));
    const heatmap = await readNifti(document.files.nifti);
    const original = await readNifti(scan);
    expect(heatmap.header.datatype).toBe('float32');
    expect(heatmap.volume.shape).toEqual(original.volume.shape);
    expect(heatmap.volume.affine).toEqual(original.volume.affine);
    const summary = JSON.parse(await readFile(document.files.json, 'utf8'));
    expect(summary.maxVoxel).toEqual(document.maxVoxel);
    const png = PNG.sync.read(await readFile(document.files.png));
    expect(png.width).toBeGreaterThan(500);
  });

  it('prints the files without --json and explains the predicted class by default', async () => {
    const result = await run(
      'explain',
      '--checkpoint',
      checkpoint,
      join(FIXTURES, 'volume.nii'),
      '--task',
      'fracture',
      '--layer',
      'features.denseblock2',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'plain'),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/volume\.nii: fracture = .+ \(p=0\.\d{3}\); maximum at voxel/);
    expect(result.out).toContain('_gradcam.nii.gz');
  });

  it('explains the class of the operating point with calibrated probabilities by default', async () => {
    const calibrated = join(dir, 'calibrated');
    await cp(checkpoint, calibrated, { recursive: true });
    const scan = join(FIXTURES, 'volume.nii');
    const predicted = await run(
      'predict',
      '--backend',
      'cpu',
      '--checkpoint',
      calibrated,
      scan,
      '--json',
    );
    const z = JSON.parse(predicted.out).predictions[0].tasks.gt_displacement.logits[0] as number;
    const p = 1 / (1 + Math.exp(-z / 0.5));
    const raw = 1 / (1 + Math.exp(-z));
    // The threshold sits just across the calibrated probability from the 0.5 decision.
    const flipped = p >= 0.5 ? 'no' : 'yes';
    await writeCheckpointCalibration(calibrated, {
      calibration: {
        gt_displacement: {
          temperature: 0.5,
          validation: { n: 9, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.1 },
        },
      },
      operatingPoints: {
        gt_displacement: {
          threshold: p >= 0.5 ? Math.min(1, p + 1e-9) : p,
          rule: 'youden',
          validation: { n: 9, sensitivity: 0.8, specificity: 0.7 },
        },
      },
    });
    const explain = async (...flags: string[]) => {
      const result = await run(
        'explain',
        '--checkpoint',
        calibrated,
        scan,
        '--task',
        'gt_displacement',
        '--backend',
        'cpu',
        '--out',
        join(dir, 'calibrated-out'),
        '--json',
        ...flags,
      );
      expect(result.code).toBe(0);
      return JSON.parse(result.out) as { class: string; probabilities: Record<string, number> };
    };
    const summary = await explain();
    expect(summary.class).toBe(flipped);
    expect(summary.probabilities.yes).toBeCloseTo(p, 12);
    const uncalibrated = await explain('--no-calibration');
    expect(uncalibrated.class).toBe(flipped);
    expect(uncalibrated.probabilities.yes).toBeCloseTo(raw, 12);
  });

  it.each([
    [['--task', 'nope'], 2, /--task must be one of fracture, gt_displacement/],
    [['--task', 'varus', '--class', 'maybe'], 2, /--class of task 'varus' must be one of no, yes/],
    [['--task', 'varus', '--layer', 'features.denseblock9'], 2, /--layer must be one of/],
    [['--task', 'varus', '--method', 'lime'], 2, /argument 'lime' is invalid/],
  ])('refuses %j (exit %i)', async (flags, code, message) => {
    const result = await run(
      'explain',
      '--checkpoint',
      checkpoint,
      join(FIXTURES, 'volume.nii'),
      '--backend',
      'cpu',
      '--out',
      join(dir, 'bad'),
      ...flags,
    );
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });

  it('fails with exit 1 and one line for a missing scan', async () => {
    const result = await run(
      'explain',
      '--checkpoint',
      checkpoint,
      join(dir, 'missing.nii'),
      '--task',
      'varus',
      '--backend',
      'cpu',
      '--out',
      join(dir, 'bad'),
    );
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n').at(-1)).toMatch(/^ct-fracture: .*missing\.nii/);
  });
});
