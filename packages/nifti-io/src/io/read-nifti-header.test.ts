import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { niftiBytes, randomVolume } from '../testing/nifti-bytes';
import { readNiftiHeader } from './read-nifti-header';

describe('readNiftiHeader', () => {
  it('reads only the header: a gzip file whose data are cut off still gives its header', async () => {
    const bytes = niftiBytes(randomVolume([64, 64, 64], 1));
    const zipped = new Uint8Array(gzipSync(bytes));
    const header = await readNiftiHeader(zipped.slice(0, Math.floor(zipped.length / 2)));
    expect(header.shape).toEqual([64, 64, 64]);
    expect(header.compressed).toBe(true);
    expect(header.orientation).toBe('LPS');
    expect(header.dataBytes).toBe(64 * 64 * 64 * 2);
  });

  it('reports the nibabel-derived fields of a written file', async () => {
    const header = await readNiftiHeader(
      niftiBytes(randomVolume([3, 4, 5], 2), { slope: 2, intercept: -1024 }),
    );
    expect(header).toMatchObject({
      format: 'nifti1',
      littleEndian: true,
      datatype: 'int16',
      shape: [3, 4, 5],
      frames: 1,
      voxOffset: 352,
      scaling: { slope: 2, intercept: -1024 },
      affineSource: 'sform',
      qformCode: 1,
      sformCode: 1,
      qfac: 1,
      description: 'test',
    });
  });
});
