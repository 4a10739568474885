import type { Volume } from '@ct-fracture/nifti-io';

/** A display plane of a volume reoriented to the closest RAS. */
export type SlicePlane = 'axial' | 'coronal' | 'sagittal';

/** The planes in mosaic order. */
export const SLICE_PLANES: readonly SlicePlane[] = ['axial', 'coronal', 'sagittal'];

/** A 2D slice in display order (row 0 at the top, column 0 at the left). */
export interface DisplaySlice {
  /** Columns × rows of voxels. */
  columns: number;
  rows: number;
  /** Row-major values (`values[row * columns + column]`). */
  values: Float32Array;
  /** Physical size of one column / one row, mm (for the aspect ratio). */
  columnMm: number;
  rowMm: number;
  /** Patient directions at the left, right, top and bottom edges. */
  edges: { left: string; right: string; top: string; bottom: string };
}

/**
 * The RAS voxel axis a plane cuts across: axial → k (S), coronal → j (A), sagittal → i (R).
 * @example
 * planeAxis('axial'); // 2
 */
export function planeAxis(plane: SlicePlane): 0 | 1 | 2 {
  return plane === 'axial' ? 2 : plane === 'coronal' ? 1 : 0;
}

/**
 * One slice of a RAS-ordered volume (i → R, j → A, k → S, as `reorientToRas` gives) in the
 * radiological convention: the patient's right on the viewer's left; axial with anterior at the
 * top, coronal and sagittal with superior at the top, sagittal with anterior at the left.
 * @param volume - a volume whose voxel axes are RAS.
 * @param index - the slice index along {@link planeAxis}.
 * @example
 * const slice = displaySlice(reorientToRas(scan), 'axial', 20);
 */
export function displaySlice(volume: Volume, plane: SlicePlane, index: number): DisplaySlice {
  const [ni, nj, nk] = volume.shape;
  const at = (i: number, j: number, k: number) => volume.data[(i * nj + j) * nk + k]!;
  const [si, sj, sk] = volume.spacingMm;
  let columns: number;
  let rows: number;
  let sample: (column: number, row: number) => number;
  let columnMm: number;
  let rowMm: number;
  let edges: DisplaySlice['edges'];
  if (plane === 'axial') {
    [columns, rows, columnMm, rowMm] = [ni, nj, si, sj];
    sample = (c, r) => at(ni - 1 - c, nj - 1 - r, index);
    edges = { left: 'R', right: 'L', top: 'A', bottom: 'P' };
  } else if (plane === 'coronal') {
    [columns, rows, columnMm, rowMm] = [ni, nk, si, sk];
    sample = (c, r) => at(ni - 1 - c, index, nk - 1 - r);
    edges = { left: 'R', right: 'L', top: 'S', bottom: 'I' };
  } else {
    [columns, rows, columnMm, rowMm] = [nj, nk, sj, sk];
    sample = (c, r) => at(index, nj - 1 - c, nk - 1 - r);
    edges = { left: 'A', right: 'P', top: 'S', bottom: 'I' };
  }
  const values = new Float32Array(columns * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) values[r * columns + c] = sample(c, r);
  return { columns, rows, values, columnMm, rowMm, edges };
}

/**
 * The slices a mosaic row shows: the one through `peak` first, then `count` evenly spaced ones
 * (at (t + 1)/(count + 1) of the extent, skipping the peak's own index).
 * @example
 * mosaicSliceIndices(48, 20, 4); // [20, 10, 19, 29, 38]
 */
export function mosaicSliceIndices(extent: number, peak: number, count: number): number[] {
  const indices = [peak];
  for (let t = 0; t < count; t++) {
    const index = Math.min(extent - 1, Math.round(((t + 1) * extent) / (count + 1)));
    if (!indices.includes(index)) indices.push(index);
  }
  return indices;
}
