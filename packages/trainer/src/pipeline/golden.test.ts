import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readNiftiPreprocessed } from '@ct-fracture/nifti-io/node';
import { describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../config/load-config';

// Golden values recorded before the preprocessing recipe became one (nifti-io's
// readNiftiPreprocessed, the trainer's preprocessScan and densenet3d's preprocessForCheckpoint):
// what the model sees of a scan stays bitwise the same, so caches, training and predictions do.
const FIXTURES = fileURLToPath(new URL('../../../nifti-io/fixtures/nifti/', import.meta.url));

function digest(values: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

const base = parseTrainConfig({}).preprocessing;

describe('the preprocessing of a scan file is unchanged (golden)', () => {
  it.each([
    ['lps.nii', 'original (area)', {}],
    ['oblique.nii.gz', 'reoriented, trilinear', { reorientToRas: true, resizeMode: 'trilinear' }],
    ['scaled_int16_inter-1024.nii.gz', 'respaced to 1.5 mm', { spacingMm: [1.5, 1.5, 1.5] }],
    [
      'lps.nii',
      'reoriented, respaced, area',
      { reorientToRas: true, spacingMm: [2, 1.5, 1], outputRange: [-1, 1] },
    ],
  ] as [string, string, Partial<typeof base>][])('%s, %s', async (file, _name, overrides) => {
    const preprocessing = { ...base, size: [12, 10, 9] as [number, number, number], ...overrides };
    const { volume } = await readNiftiPreprocessed(`${FIXTURES}${file}`, preprocessing);
    const { data, shape } = volume;
    expect(`${digest(data)} ${shape}`).toMatchSnapshot();
  });
});
