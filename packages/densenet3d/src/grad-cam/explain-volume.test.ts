import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import { join } from 'node:path';
import { type PreprocessOptions, type Vec3, voxelToWorld } from '@ct-fracture/nifti-io';
import { readNifti } from '@ct-fracture/nifti-io/node';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseNet3dFromWeights } from '../model/create';
import type { DenseNet3d } from '../model/dense-net-3d';
import { FIXTURES, readBundle } from '../test-support/fixture-bundle';
import { headMappings, stateDictFromBundle } from '../test-support/state-dict-from-bundle';
import { importStateDict } from '../torch/import-state-dict';
import { explainVolume } from './explain-volume';

const PREPROCESSING: PreprocessOptions = {
  windowHu: [-500, 1300],
  outputRange: [0, 1],
  size: [20, 24, 28],
  reorientToRas: true,
  spacingMm: null,
  resizeMode: 'area',
};

let model: DenseNet3d;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const bundle = readBundle('gradcam-model');
  const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
  model = denseNet3dFromWeights(imported.config, imported.weights);
});

afterAll(() => model.dispose());

describe('explainVolume', () => {
  it('returns the heatmap on the model grid and on the scan grid, with its maximum', async () => {
    const { volume: scan } = await readNifti(join(FIXTURES, 'scan-space', 'oblique.nii.gz'));
    const explained = await explainVolume(model, scan, PREPROCESSING, {
      task: 'multi',
      className: 'c',
      method: 'gradcam++',
    });
    expect(explained.gradCam.className).toBe('c');
    expect(explained.modelHeatmap.shape).toEqual(PREPROCESSING.size);
    expect(explained.modelHeatmap.affine).toEqual(explained.modelInput.affine);
    expect(explained.scanHeatmap.shape).toEqual(scan.shape);
    expect(explained.scanHeatmap.affine).toEqual(scan.affine);
    expect(explained.modelMaximum.value).toBeCloseTo(1, 6);
    expect(explained.maximum.value).toBeGreaterThan(0.9);
    expect(explained.maximum.worldMm).toEqual(
      voxelToWorld(scan.affine, explained.maximum.voxel as Vec3),
    );
  });

  it('keeps tf.memory().numTensors flat across two calls', async () => {
    const { volume: scan } = await readNifti(join(FIXTURES, 'scan-space', 'lps.nii.gz'));
    await explainVolume(model, scan, PREPROCESSING, { task: 'bin' });
    const before = tf.memory().numTensors;
    await explainVolume(model, scan, PREPROCESSING, { task: 'bin' });
    await explainVolume(model, scan, PREPROCESSING, { task: 'multi', method: 'gradcam++' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
