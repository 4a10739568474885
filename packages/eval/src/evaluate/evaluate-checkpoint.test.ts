import '@tensorflow/tfjs-backend-cpu';
import { type CheckpointMetadata, createDenseNet3d, predictVolume } from '@ct-fracture/densenet3d';
import type { PreprocessOptions, Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictLogits, type ScanReader } from './evaluate-checkpoint';

const PREPROCESSING: PreprocessOptions = {
  windowHu: [-500, 1300],
  outputRange: [0, 1],
  size: [8, 8, 8],
  reorientToRas: true,
  spacingMm: null,
  resizeMode: 'area',
};
const HEADS = [
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
] as const;
const METADATA = {
  preprocessing: PREPROCESSING,
  labelSpec: {
    tasks: [
      { name: 'varus', ordinal: false },
      { name: 'parts', ordinal: true },
    ],
  },
} as unknown as CheckpointMetadata;

function volumeOf(file: string): Pick<Volume, 'data' | 'shape'> {
  const phase = file.length * 0.13;
  return {
    shape: [8, 8, 8],
    data: Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 0.21 + phase)),
  };
}

const model = createDenseNet3d(
  {
    body: {
      inChannels: 1,
      initFeatures: 4,
      growthRate: 3,
      blockConfig: [2, 2],
      bnSize: 2,
      dropoutProb: 0,
    },
    heads: HEADS.map((head) => ({ ...head, classes: [...head.classes] })),
  },
  { seed: 2 },
);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => model.dispose());

describe('predictLogits', () => {
  it('reads every scan through the reader with the checkpoint’s preprocessing, logits in head order', async () => {
    const asked: Array<[string, PreprocessOptions]> = [];
    const scans: ScanReader = {
      modelInput: async (file, preprocessing) => {
        asked.push([file, preprocessing]);
        return volumeOf(file);
      },
      original: () => Promise.reject(new Error('not needed without explanations')),
    };
    const samples = [
      { id: 'p1', file: 'a.nii.gz', labels: [1, 2] },
      { id: 'p22', file: 'bb.nii.gz', labels: [-1, 0] },
    ];
    const before = tf.memory().numTensors;
    const table = await predictLogits({ model, metadata: METADATA, samples, scans });
    expect(tf.memory().numTensors).toBe(before);
    expect(asked).toEqual([
      ['a.nii.gz', PREPROCESSING],
      ['bb.nii.gz', PREPROCESSING],
    ]);
    expect(table.patientIds).toEqual(['p1', 'p22']);
    expect(table.tasks.map((task) => [task.head.task, task.truth, task.ordinal])).toEqual([
      ['varus', [1, -1], false],
      ['parts', [2, 0], true],
    ]);
    for (const [t, head] of HEADS.entries()) {
      const expected = samples.flatMap(
        (sample) => predictVolume(model, volumeOf(sample.file))[head.task]!.logits,
      );
      expect(table.tasks[t]!.logits).toEqual(expected);
    }
  });
});
