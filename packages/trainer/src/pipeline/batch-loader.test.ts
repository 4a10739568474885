import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUGMENTATION_PRESETS } from '../config/augmentation-schema';
import { parseTrainConfig } from '../config/load-config';
import { type Batch, BatchLoader, type DatasetSample } from './batch-loader';
import { findWorkerScript, SamplePreparer } from './sample-preparer';

let dir: string;
const samples: DatasetSample[] = [];
const preprocessing = parseTrainConfig({ preprocessing: { size: [8, 8, 8] } }).preprocessing;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-loader-'));
  for (let i = 0; i < 7; i += 1) {
    const shape: [number, number, number] = [12, 10, 9];
    const data = new Float32Array(12 * 10 * 9).map((_, v) => -500 + ((v * (i + 1)) % 1800));
    const file = join(dir, `p${i}-left.nii`);
    await writeNifti(file, {
      data,
      shape,
      spacingMm: [1, 1, 1],
      affine: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    });
    samples.push({ id: `p${i}`, file, labels: [i % 3, i % 2 === 0 ? -1 : 1] });
  }
  await writeFile(join(dir, 'broken.nii'), 'not a nifti file');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function drain(loader: BatchLoader): Promise<Batch[]> {
  const batches: Batch[] = [];
  for (let batch = await loader.next(); batch; batch = await loader.next()) batches.push(batch);
  return batches;
}

function options(overrides: Partial<ConstructorParameters<typeof BatchLoader>[1]> = {}) {
  return {
    samples,
    order: [6, 0, 1, 2, 3, 4, 5],
    batchSize: 3,
    dropLast: false,
    prefetchBatches: 2,
    preprocessing,
    cacheDir: join(dir, 'cache'),
    augmentation: null,
    seedOf: (index: number) => [0, 0, index],
    ...overrides,
  };
}

describe('BatchLoader', () => {
  it.each([
    [false, [3, 3, 1]],
    [true, [3, 3]],
  ])('batches in order (dropLast %s → sizes %j)', async (dropLast, sizes) => {
    const preparer = new SamplePreparer({ workers: 0 });
    const loader = new BatchLoader(preparer, options({ dropLast }));
    const batches = await drain(loader);
    expect(batches.map((batch) => batch.shape[0])).toEqual(sizes);
    expect(batches[0]!.sampleIndices).toEqual([6, 0, 1]);
    expect(batches[0]!.shape).toEqual([3, 8, 8, 8, 1]);
    expect(Array.from(batches[0]!.labels[0]!)).toEqual([0, 0, 1]);
    expect(Array.from(batches[0]!.labels[1]!)).toEqual([-1, -1, 1]);
    const values = batches[0]!.data;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
  });

  it('names an unreadable scan, or skips it with --skip-bad', async () => {
    const withBad = [...samples, { id: 'broken', file: join(dir, 'broken.nii'), labels: [0, 0] }];
    const preparer = new SamplePreparer({ workers: 0 });
    const failing = new BatchLoader(preparer, options({ samples: withBad, order: [0, 7] }));
    await expect(drain(failing)).rejects.toMatchObject({
      code: 'unreadable-scan',
      file: join(dir, 'broken.nii'),
    });
    const skipped: string[] = [];
    const skipping = new BatchLoader(
      preparer,
      options({
        samples: withBad,
        order: [0, 7, 1],
        onSkip: (sample) => skipped.push(sample.id),
      }),
    );
    const batches = await drain(skipping);
    expect(skipped).toEqual(['broken']);
    expect(batches[0]!.sampleIndices).toEqual([0, 1]);
  });

  it.runIf(findWorkerScript() !== null)(
    'gives the same batches on worker threads as on the main thread, augmentation included',
    async () => {
      const augmentation = {
        ...AUGMENTATION_PRESETS.light,
        rotation: { probability: 1, rangeDeg: [10, 10, 10] as [number, number, number] },
      };
      const inline = new SamplePreparer({ workers: 0 });
      const threaded = new SamplePreparer({ workers: 2 });
      expect(threaded.threads).toBe(2);
      const a = await drain(new BatchLoader(inline, options({ augmentation })));
      const b = await drain(new BatchLoader(threaded, options({ augmentation })));
      await threaded.close();
      expect(b.map((batch) => batch.data)).toEqual(a.map((batch) => batch.data));
      expect(b.every((batch) => batch.cacheHits === batch.shape[0])).toBe(true);
    },
  );
});
