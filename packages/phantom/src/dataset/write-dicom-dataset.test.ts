import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDicomFolder } from '@ct-fracture/dicom-io/node';
import { readNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, describe, expect, it } from 'vitest';
import { writePhantomDataset } from './write-dataset';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function dataset(format: 'nifti' | 'dicom'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `ctf-phantom-${format}-`));
  roots.push(root);
  await writePhantomDataset({
    outDir: join(root, 'data'),
    train: 2,
    test: 1,
    size: 'small',
    seed: 5,
    format,
    orientation: 'LAS',
    workers: 0,
    force: true,
  });
  return join(root, 'data');
}

describe('writePhantomDataset with format dicom', () => {
  it('writes series folders that read back as the NIfTI dataset, voxel for voxel', async () => {
    const [nifti, dicom] = await Promise.all([dataset('nifti'), dataset('dicom')]);
    const folder = 'new_datasets/one_side_train';
    expect(await readdir(join(dicom, folder))).toEqual(['phantom0001', 'phantom0002']);
    for (const name of ['phantom0001', 'phantom0002']) {
      const fromNifti = (await readNifti(join(nifti, folder, `${name}.nii`))).volume;
      const fromDicom = (await readDicomFolder(join(dicom, folder, name))).volume;
      expect(fromDicom.shape).toEqual(fromNifti.shape);
      expect(fromDicom.data).toEqual(fromNifti.data);
      fromDicom.affine.flat().forEach((value, index) => {
        expect(value).toBeCloseTo(fromNifti.affine.flat()[index]!, 4);
      });
    }
  });

  it('refuses an orientation that would read back with k reversed', async () => {
    await expect(
      writePhantomDataset({ outDir: join(tmpdir(), 'never'), format: 'dicom', orientation: 'RAS' }),
    ).rejects.toThrow(
      /negative determinant \(LAS, RPS, RAI, LPI\); RAS would read back with k reversed/,
    );
  });
});
