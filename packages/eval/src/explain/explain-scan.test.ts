import '@tensorflow/tfjs-backend-cpu';
import '@ct-fracture/densenet3d/register-gradients';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDenseNet3d, type DenseNet3d } from '@ct-fracture/densenet3d';
import type { Mat4 } from '@ct-fracture/nifti-io';
import { readNifti, writeNifti } from '@ct-fracture/nifti-io/node';
import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainScan, scanBaseName } from './explain-scan';
import { gradCamReportFigures } from './grad-cam-figures';
import { writeExplanation } from './write-explanation';

const PREPROCESSING = {
  windowHu: [-500, 1300] as [number, number],
  outputRange: [0, 1] as [number, number],
  size: [24, 24, 24] as [number, number, number],
  reorientToRas: true,
  spacingMm: null,
  resizeMode: 'area' as const,
};
const AFFINE: Mat4 = [
  [0, -0.9, 0, 12],
  [-1.1, 0, 0, 30],
  [0, 0, 2, -20],
  [0, 0, 0, 1],
];

let folder: string;
let scanPath: string;
let model: DenseNet3d;

beforeAll(async () => {
  await tf.setBackend('cpu');
  folder = await mkdtemp(join(tmpdir(), 'ctf-explain-'));
  scanPath = join(folder, 'case7.nii.gz');
  const shape: [number, number, number] = [30, 26, 16];
  const data = new Float32Array(30 * 26 * 16).map((_, index) => ((index * 7919) % 1700) - 400);
  await writeNifti(
    scanPath,
    { data, shape, spacingMm: [1.1, 0.9, 2], affine: AFFINE },
    { datatype: 'int16' },
  );
  model = createDenseNet3d(
    {
      body: {
        inChannels: 1,
        initFeatures: 4,
        growthRate: 4,
        blockConfig: [2, 2],
        bnSize: 2,
        dropoutProb: 0,
      },
      heads: [
        { task: 'gt_displacement', kind: 'binary', classes: ['no', 'yes'] },
        { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
      ],
    },
    { seed: 5 },
  );
});

afterAll(async () => {
  model.dispose();
  await rm(folder, { recursive: true, force: true });
});

describe('explainScan + writeExplanation', () => {
  it('writes the NIfTI with the scan affine, the PNG and the JSON summary', async () => {
    const explained = await explainScan({
      model,
      metadata: { preprocessing: PREPROCESSING },
      scan: scanPath,
      task: 'gt_displacement',
      className: 'yes',
      method: 'gradcam++',
      mosaic: { panelSize: 64, slicesPerPlane: 2 },
    });
    expect(explained.scanName).toBe('case7');
    expect(explained.summary).toMatchObject({
      scan: 'case7',
      task: 'gt_displacement',
      class: 'yes',
      method: 'gradcam++',
      layer: 'features.denseblock2',
    });
    const files = await writeExplanation(join(folder, 'out'), explained);
    expect(files.nifti).toBe(join(folder, 'out', 'case7_gt_displacement_yes_gradcam.nii.gz'));
    const { header, volume } = await readNifti(files.nifti);
    const scan = await readNifti(scanPath);
    expect(header.datatype).toBe('float32');
    expect(volume.shape).toEqual([30, 26, 16]);
    expect(volume.affine.flat().map((v) => Number(v.toFixed(4)))).toEqual(
      scan.volume.affine.flat().map((v) => Number(v.toFixed(4))),
    );
    const summary = JSON.parse(await readFile(files.json, 'utf8'));
    expect(summary.maxVoxel).toEqual(explained.maximum.voxel);
    expect(
      volume.data[(summary.maxVoxel[0] * 26 + summary.maxVoxel[1]) * 16 + summary.maxVoxel[2]],
    ).toBeCloseTo(summary.maxValue, 5);
    const png = PNG.sync.read(await readFile(files.png));
    expect([png.width, png.height]).toEqual([explained.mosaic.width, explained.mosaic.height]);
    const [figure] = gradCamReportFigures([explained]);
    expect(figure!.title).toBe('Grad-CAM: case7, gt_displacement = yes');
    expect(figure!.png).toBe(explained.mosaic.png);
  });

  it('keeps tf.memory().numTensors flat across two explain calls', async () => {
    const run = () =>
      explainScan({
        model,
        metadata: { preprocessing: PREPROCESSING },
        scan: scanPath,
        task: 'parts',
        mosaic: { panelSize: 32, slicesPerPlane: 0 },
      });
    await run();
    const before = tf.memory().numTensors;
    await run();
    await run();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['scan.nii.gz', 'scan'],
    ['/a/b/Case-1.NII', 'Case-1'],
    ['c\\d\\x.nii', 'x'],
  ])('scanBaseName(%s) = %s', (path, name) => {
    expect(scanBaseName(path)).toBe(name);
  });
});
