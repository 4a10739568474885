import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDicomFolder } from '@ct-fracture/dicom-io/node';
import type { Volume } from '@ct-fracture/nifti-io';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../config/load-config';
import { contentHash } from './content-hash';
import { preprocessScan } from './preprocess-scan';
import { checkScan, readScan } from './read-scan';

/** A 20 × 16 × 12 LAS volume of integer HU (dcm2niix's layout, so a series keeps it). */
function volume(): Volume {
  const shape: [number, number, number] = [20, 16, 12];
  const data = new Float32Array(20 * 16 * 12).map((_, index) => ((index * 7919) % 2600) - 1000);
  const affine = [
    [-0.7, 0, 0, 30],
    [0, 0.7, 0, -12],
    [0, 0, 2, 50],
    [0, 0, 0, 1],
  ];
  return { data, shape, spacingMm: [0.7, 0.7, 2], affine };
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ctf-read-scan-'));
  await writeNifti(join(root, 'scan.nii.gz'), volume(), { datatype: 'int16', intercept: -1024 });
  await writeDicomFolder(join(root, 'scan-series'), volume(), { uidKey: 'read-scan' });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readScan', () => {
  it('reads a NIfTI file and the same volume as a DICOM series folder alike', async () => {
    const nifti = await readScan(join(root, 'scan.nii.gz'));
    const dicom = await readScan(join(root, 'scan-series'));
    expect([nifti.format, dicom.format]).toEqual(['nifti', 'dicom']);
    expect(dicom.volume.shape).toEqual(nifti.volume.shape);
    expect(dicom.volume.data).toEqual(nifti.volume.data);
    dicom.volume.affine.flat().forEach((value, index) => {
      expect(value).toBeCloseTo(nifti.volume.affine.flat()[index]!, 5);
    });
    expect(await checkScan(join(root, 'scan-series'))).toEqual({ format: 'dicom', warnings: [] });
  });

  it.each([
    ['no reorientation, no respacing (the original): fused, bit for bit', {}, 0],
    ['reoriented to RAS: fused, bit for bit', { reorientToRas: true }, 0],
    [
      'reoriented to RAS and respaced: whole volumes',
      { reorientToRas: true, spacingMm: [1, 1, 2] },
      1e-6,
    ],
  ])('preprocesses both to the same model input: %s', async (_name, overrides, tolerance) => {
    const preprocessing = {
      ...parseTrainConfig({ preprocessing: { size: [8, 8, 8] } }).preprocessing,
      ...overrides,
    } as ReturnType<typeof parseTrainConfig>['preprocessing'];
    const fromNifti = await preprocessScan(join(root, 'scan.nii.gz'), preprocessing);
    const fromDicom = await preprocessScan(join(root, 'scan-series'), preprocessing);
    expect(fromDicom.shape).toEqual(fromNifti.shape);
    const worst = fromDicom.data.reduce(
      (max, value, index) => Math.max(max, Math.abs(value - fromNifti.data[index]!)),
      0,
    );
    expect(worst).toBeLessThanOrEqual(tolerance);
  });
});

describe('contentHash of a series folder', () => {
  it('changes when a file changes and is stable otherwise', async () => {
    const folder = join(root, 'hashed');
    await writeDicomFolder(folder, volume(), { uidKey: 'hashed' });
    const before = await contentHash(folder, null);
    expect(await contentHash(folder, null)).toBe(before);
    await writeFile(join(folder, 'extra.txt'), 'x');
    expect(await contentHash(folder, null)).not.toBe(before);
  });
});
