import type { NiftiHeader } from '../header/nifti-header';
import { allocateFor } from './allocate';
import type { Slab } from './read-slabs';

/**
 * Decodes slabs of one 3D frame into a scaled float32 volume in model layout (C order over
 * `[ni, nj, nk]`, k fastest): the one transpose from NIfTI's i-fastest disk order.
 * Scaling is `raw · slope + intercept` (in float64, then rounded to float32) when the
 * header has a valid slope.
 */
export class FrameDecoder {
  readonly data: Float32Array;
  private readonly ni: number;
  private readonly nj: number;
  private readonly nk: number;

  constructor(private readonly header: NiftiHeader) {
    [this.ni = 1, this.nj = 1, this.nk = 1] = header.shape;
    this.data = allocateFor(
      header,
      header.frameVoxels,
      4 * header.frameVoxels,
      (length) => new Float32Array(length),
    );
  }

  /** Writes one slab into `data`. */
  add(slab: Slab): void {
    const { ni, nj, nk, data } = this;
    const { values, kStart, kCount } = slab;
    const sliceVoxels = ni * nj;
    const { slope, intercept } = this.header.scaling;
    const scaled = slope !== null && !(slope === 1 && intercept === 0);
    const a = slope ?? 1;
    const b = intercept ?? 0;
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        const outBase = (i * nj + j) * nk + kStart;
        let source = i + ni * j;
        if (scaled) {
          for (let kk = 0; kk < kCount; kk++, source += sliceVoxels) {
            data[outBase + kk] = values[source]! * a + b;
          }
        } else {
          for (let kk = 0; kk < kCount; kk++, source += sliceVoxels) {
            data[outBase + kk] = values[source]!;
          }
        }
      }
    }
  }
}
