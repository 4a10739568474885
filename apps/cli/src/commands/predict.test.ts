import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpointCalibration } from '@ct-fracture/densenet3d/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'packages', 'densenet3d', 'fixtures');

/** Expected logits per task from a fixture bundle written by make_torch_fixtures.py. */
async function expectedLogits(name: string): Promise<Record<string, number[]>> {
  const meta = JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as {
    arrays: Record<string, { offset: number; shape: number[] }>;
  };
  const bytes = await readFile(join(FIXTURES, `${name}.bin`));
  const all = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  const result: Record<string, number[]> = {};
  for (const [key, { offset, shape }] of Object.entries(meta.arrays)) {
    if (key.startsWith('logits.'))
      result[key.slice(7)] = Array.from(
        all.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)),
      );
  }
  return result;
}

const MULTI_TASKS = [
  'fracture=fc_fracture:1-part,2-part,multipart,dislocation',
  'gt_displacement=fc_gt:no,yes',
  'shaft_translation=fc_shaft:none,substantial,complete',
  'varus=fc_varus:no,yes',
  'articular=fc_art:none-rim,subcritical,headsplit',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-predict-'));
});

describe('import-torch + predict end to end (PyTorch fixtures)', () => {
  it.each<[string, string[]]>([
    ['single-head', []],
    ['multi-head', MULTI_TASKS.flatMap((task) => ['--task', task])],
  ])('%s: logits agree with PyTorch to 1e-4 through the CLI', async (name, taskFlags) => {
    const checkpoint = join(dir, name);
    const imported = await run(
      'import-torch',
      join(FIXTURES, `${name}.pth`),
      '--out',
      checkpoint,
      '--size',
      '20',
      ...taskFlags,
    );
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain(`→ ${checkpoint}`);
    const predicted = await run(
      'predict',
      '--backend',
      'cpu',
      '--checkpoint',
      checkpoint,
      join(FIXTURES, 'volume.nii'),
      '--json',
    );
    expect(predicted.code).toBe(0);
    const document = JSON.parse(predicted.out) as {
      predictions: Array<{
        file: string;
        tasks: Record<string, { pred: string; probs: Record<string, number>; logits: number[] }>;
      }>;
    };
    expect(document.predictions).toHaveLength(1);
    const expected = await expectedLogits(name);
    const tasks = document.predictions[0]!.tasks;
    expect(Object.keys(tasks)).toEqual(Object.keys(expected));
    for (const [task, logits] of Object.entries(expected)) {
      const actual = tasks[task]!;
      actual.logits.forEach((value, index) => {
        expect(Math.abs(value - logits[index]!)).toBeLessThan(1e-4);
      });
      const probabilities = Object.values(actual.probs);
      expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 6);
      expect(actual.probs[actual.pred]).toBe(Math.max(...probabilities));
    }
  });

  it('applies the checkpoint’s temperatures and operating point; --no-calibration shows raw probabilities', async () => {
    const checkpoint = join(dir, 'calibrated');
    await run(
      'import-torch',
      join(FIXTURES, 'multi-head.pth'),
      '--out',
      checkpoint,
      '--size',
      '20',
      ...MULTI_TASKS.flatMap((task) => ['--task', task]),
    );
    type Tasks = Record<string, { pred: string; probs: Record<string, number>; logits: number[] }>;
    const predict = async (...flags: string[]) => {
      const { code, out, err } = await run(
        'predict',
        '--backend',
        'cpu',
        '--checkpoint',
        checkpoint,
        join(FIXTURES, 'volume.nii'),
        '--json',
        ...flags,
      );
      expect(code).toBe(0);
      return {
        tasks: (JSON.parse(out) as { predictions: { tasks: Tasks }[] }).predictions[0]!.tasks,
        err,
      };
    };
    const plain = (await predict()).tasks;
    const z = plain.gt_displacement!.logits[0]!;
    const calibrated = 1 / (1 + Math.exp(-z / 0.5));
    const write = (threshold: number) =>
      writeCheckpointCalibration(checkpoint, {
        calibration: {
          gt_displacement: {
            temperature: 0.5,
            validation: { n: 9, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.1 },
          },
          articular: {
            temperature: 2,
            validation: { n: 9, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.1 },
          },
        },
        operatingPoints: {
          gt_displacement: {
            threshold,
            rule: 'youden',
            validation: { n: 9, sensitivity: 0.8, specificity: 0.75 },
          },
        },
      });
    // A threshold equal to the calibrated probability: ties are positive.
    await write(calibrated);
    const at = await predict();
    expect(at.tasks.gt_displacement!.probs.yes).toBe(calibrated);
    expect(at.tasks.gt_displacement!.pred).toBe('yes');
    expect(at.err).toMatch(/gt_displacement +operating point youden: positive when p ≥ /);
    expect(at.err).toMatch(
      /articular +temperature 2\.000: validation NLL 0\.600 → 0\.500, ECE 0\.200 → 0\.100 \(n=9\)/,
    );
    const articular = plain.articular!.logits.map((value) => Math.exp(value / 2));
    const total = articular.reduce((sum, value) => sum + value, 0);
    expect(at.tasks.articular!.probs['none-rim']).toBeCloseTo(articular[0]! / total, 12);
    expect(at.tasks.articular!.pred).toBe(plain.articular!.pred); // arg-max unchanged
    expect(at.tasks.varus).toEqual(plain.varus); // an uncalibrated task as before
    // Just above it: negative; --no-calibration shows the raw probability, same decision.
    await write(Math.min(1, calibrated + 1e-12));
    expect((await predict()).tasks.gt_displacement!.pred).toBe('no');
    const raw = await predict('--no-calibration');
    expect(raw.tasks.gt_displacement).toEqual({ ...plain.gt_displacement!, pred: 'no' });
    expect(raw.tasks.articular).toEqual(plain.articular);
    expect(raw.err).toMatch(/articular +temperature 2\.000 \(not applied\)/);
  });

  it('prints one line per scan without --json', async () => {
    const checkpoint = join(dir, 'text');
    await run(
      'import-torch',
      join(FIXTURES, 'multi-head.pth'),
      '--out',
      checkpoint,
      '--size',
      '20',
      ...MULTI_TASKS.flatMap((task) => ['--task', task]),
    );
    const { code, out } = await run(
      'predict',
      '--backend',
      'cpu',
      '--checkpoint',
      checkpoint,
      join(FIXTURES, 'volume.nii'),
      join(FIXTURES, 'volume.nii'),
    );
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(out).toMatch(/volume\.nii: fracture=\S+ \(p=0\.\d{3}\), gt_displacement=(no|yes) \(p=/);
  });
});

describe('import-torch and predict failures are one line with the right exit code', () => {
  it.each<[string, () => Promise<string[]>, number, RegExp]>([
    [
      'a pickle calling os.system',
      async () => [
        'import-torch',
        join(FIXTURES, 'malicious-os-system.pth'),
        '--out',
        join(dir, 'x'),
      ],
      1,
      /refusing to load: the pickle references the global 'posix.system'/,
    ],
    [
      'a truncated .pth',
      async () => {
        const bytes = await readFile(join(FIXTURES, 'single-head.pth'));
        const cut = join(dir, 'cut.pth');
        await writeFile(cut, bytes.subarray(0, 5000));
        return ['import-torch', cut, '--out', join(dir, 'y')];
      },
      1,
      /cut.pth: is truncated or damaged/,
    ],
    [
      'a 759-byte .pth with a stride-0 tensor of 1.55e9 elements (was: 6.2 GB over 30 s)',
      async () => ['import-torch', join(FIXTURES, 'stride-zero.pth'), '--out', join(dir, 's')],
      1,
      /^ct-fracture: .*stride-zero\.pth: tensor 'weight' \(shape \[1550000000\], stride \[0\]\) must have at most as many elements as its storage \(1\)/,
    ],
    [
      'a state_dict that is not a DenseNet (named the file)',
      async () => ['import-torch', join(FIXTURES, 'not-a-densenet.pth'), '--out', join(dir, 'n')],
      1,
      /^ct-fracture: .*not-a-densenet\.pth: .*features\.conv0\.weight/,
    ],
    [
      'an input size of 1000³',
      async () => [
        'import-torch',
        join(FIXTURES, 'single-head.pth'),
        '--out',
        join(dir, 'big'),
        '--size',
        '1000',
      ],
      2,
      /--size must be at most 512 per axis and 16777216 voxels \(256³\) in all, got '1000'/,
    ],
    [
      'a head key that is not there',
      async () => [
        'import-torch',
        join(FIXTURES, 'multi-head.pth'),
        '--out',
        join(dir, 'z'),
        '--task',
        'varus=fc_nope:no,yes',
      ],
      1,
      /--task varus=fc_nope: no 'fc_nope.weight' in the state_dict; Linear modules there: fc_fracture, fc_gt/,
    ],
    [
      'a malformed --task',
      async () => [
        'import-torch',
        join(FIXTURES, 'multi-head.pth'),
        '--out',
        join(dir, 'w'),
        '--task',
        'varus',
      ],
      2,
      /--task must be NAME=HEAD_KEY:class1,class2/,
    ],
    [
      'a missing checkpoint',
      async () => [
        'predict',
        '--backend',
        'cpu',
        '--checkpoint',
        join(dir, 'nothing'),
        join(FIXTURES, 'volume.nii'),
      ],
      1,
      /model.json: cannot be read \(ENOENT\)/,
    ],
  ])('%s', async (_, args, exitCode, message) => {
    const { code, err } = await run(...(await args()));
    expect(code).toBe(exitCode);
    // The backend line is progress; the failure itself is one line.
    const lines = err
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('backend: '));
    expect(lines).toHaveLength(1);
    expect(err).toMatch(message);
  });
});
