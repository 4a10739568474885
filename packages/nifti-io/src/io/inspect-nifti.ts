import type { NiftiDatatype } from '../header/datatypes';
import type { Mat4 } from '../volume';
import { readHeaderFrom, seekToFrames } from './read-header';
import { readSlabs, type Slab } from './read-slabs';
import { withByteSource } from './with-source';

/** Minimum, maximum and mean of scaled voxel values, NaN ignored (`null` when none is left). */
export interface IntensityStats {
  min: number | null;
  max: number | null;
  mean: number | null;
}

/**
 * What `ct-fracture inspect --json` prints (DESIGN.md): header facts, nibabel's affine and
 * axis codes, the scaling, and statistics of the scaled data over all frames.
 */
export interface NiftiSummary {
  path: string;
  format: 'nifti1' | 'nifti2';
  compressed: boolean;
  /** All dimensions, `dim[1..dim[0]]`. */
  shape: number[];
  datatype: NiftiDatatype;
  /** nibabel's zooms, `pixdim[1..dim[0]]` (mm for the spatial axes). */
  spacing: number[];
  affine: Mat4;
  orientation: string;
  /** nibabel's `get_slope_inter()`: both `null` when the file has no valid scaling. */
  scaling: { slope: number | null; intercept: number | null };
  stats: IntensityStats;
}

/** Streaming min / max / sum over scaled values. */
class StatsAccumulator {
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  private count = 0;

  constructor(
    private readonly slope: number,
    private readonly intercept: number,
  ) {}

  add(slab: Slab): void {
    const { values } = slab;
    const { slope, intercept } = this;
    let { min, max, sum, count } = this;
    for (let index = 0; index < values.length; index++) {
      const value = values[index]! * slope + intercept;
      if (Number.isNaN(value)) continue;
      if (value < min) min = value;
      if (value > max) max = value;
      sum += value;
      count += 1;
    }
    Object.assign(this, { min, max, sum, count });
  }

  result(): IntensityStats {
    if (this.count === 0) return { min: null, max: null, mean: null };
    return { min: this.min, max: this.max, mean: this.sum / this.count };
  }
}

/**
 * Summarises a NIfTI file for `ct-fracture inspect`: the header facts as nibabel reports
 * them and min/max/mean of the scaled data (all frames, NaN ignored, float64 arithmetic as
 * nibabel's `get_fdata`). Streams the data: memory stays at a few MiB for any file size.
 * @param source - a file path, or the file's bytes.
 * @param options.file - the name reported as `path` (defaults to the path given).
 * @throws {NiftiError} every error of {@link readNifti}, naming the file.
 * @example
 * ```ts
 * const summary = await inspectNifti('scan.nii.gz');
 * console.log(summary.orientation, summary.stats.max);
 * ```
 */
export async function inspectNifti(
  source: string | Uint8Array,
  options: { file?: string } = {},
): Promise<NiftiSummary> {
  return withByteSource(source, options.file, async (bytes) => {
    const header = await readHeaderFrom(bytes);
    await seekToFrames(bytes, header, 0, header.frames);
    const stats = new StatsAccumulator(header.scaling.slope ?? 1, header.scaling.intercept ?? 0);
    await readSlabs(bytes, header, 0, header.frames, (slab) => stats.add(slab));
    await bytes.drain();
    return {
      path: options.file ?? (typeof source === 'string' ? source : ''),
      format: header.format,
      compressed: header.compressed,
      shape: [...header.shape],
      datatype: header.datatype,
      spacing: [...header.spacing],
      affine: header.affine.map((row) => [...row]),
      orientation: header.orientation,
      scaling: { ...header.scaling },
      stats: stats.result(),
    };
  });
}
