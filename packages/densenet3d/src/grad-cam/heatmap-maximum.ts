import type { Volume } from '@ct-fracture/nifti-io';

/** Where a heatmap peaks. */
export interface HeatmapMaximum {
  /** The largest value. */
  value: number;
  /** Its voxel `[i, j, k]` (the first one in C order on ties). */
  voxel: [number, number, number];
  /** Its centre in world RAS+ mm (through the volume's affine). */
  worldMm: [number, number, number];
}

/**
 * The voxel of a volume's largest value and its world position.
 * @throws never for a non-empty volume; an empty one gives value −Infinity at voxel [0, 0, 0].
 * @example
 * const { voxel, worldMm } = heatmapMaximum(inScan);
 */
export function heatmapMaximum(volume: Volume): HeatmapMaximum {
  const { data, shape } = volume;
  let best = 0;
  let value = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < data.length; index++) {
    if (data[index]! > value) {
      value = data[index]!;
      best = index;
    }
  }
  const planeSize = shape[1] * shape[2];
  const voxel: [number, number, number] = [
    Math.floor(best / planeSize),
    Math.floor((best % planeSize) / shape[2]),
    best % shape[2],
  ];
  const row = (r: number) =>
    volume.affine[r]![0]! * voxel[0] +
    volume.affine[r]![1]! * voxel[1] +
    volume.affine[r]![2]! * voxel[2] +
    volume.affine[r]![3]!;
  return { value, voxel, worldMm: [row(0), row(1), row(2)] };
}
