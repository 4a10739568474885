import { writePhantomDataset } from '@ct-fracture/phantom';

/**
 * Writes a small phantom dataset (original layout, 'small' grids, no workers) for the tests:
 * labels as realistic as the demo's, scans that read. Test support only.
 */
export async function writePhantomData(dir: string, train: number, test: number, seed = 5) {
  return writePhantomDataset({ outDir: dir, train, test, seed, size: 'small', workers: 0 });
}
