import { DicomError } from '../errors/dicom-error';
import type { Mat4, Vec3 } from '../volume';
import { checkPlanes } from './check-planes';
import { type Slice, sliceLabel } from './slice';
import { dot, mm, norm, scale, sub, vector } from './vector';

/** Tolerances of {@link stackSlices}. */
export interface StackOptions {
  /**
   * How far a step between neighbouring slices (along the normal) or a slice's position off the
   * line through the first and last may deviate, as a fraction of the median step. Default 0.01.
   */
  sliceSpacingTolerance?: number;
  /** A tilt (angle between the slice normal and the stacking direction) above this, in degrees, is reported as a warning. Default 0.1. */
  gantryTiltWarningDeg?: number;
}

/** Slices in volume order with the geometry that places them. */
export interface Stack {
  /** Slices in increasing position along the normal: k = index. */
  slices: Slice[];
  shape: Vec3;
  spacingMm: Vec3;
  /** Voxel → world, RAS+ mm. */
  affine: Mat4;
  warnings: string[];
}

const DUPLICATE_MM = 0.01;

function geometryError(message: string, file?: string): DicomError {
  return new DicomError({ code: 'inconsistent-geometry', message, file, tag: '(0020,0032)' });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Checks the steps along the normal: no duplicates, no gap, even spacing. */
function checkSteps(sorted: readonly Slice[], along: readonly number[], tolerance: number): number {
  const steps = along.slice(1).map((value, index) => value - along[index]!);
  for (const [index, step] of steps.entries()) {
    if (step < DUPLICATE_MM) {
      throw geometryError(
        `two slices at one position: ${sliceLabel(sorted[index]!)} and ${sliceLabel(sorted[index + 1]!)} both lie at ${mm(along[index]!)} mm along the slice normal (a repeated acquisition in one series?)`,
        sorted[index + 1]!.file.name,
      );
    }
  }
  const typical = median(steps);
  for (const [index, step] of steps.entries()) {
    if (step > 1.5 * typical) {
      throw geometryError(
        `a slice is missing between ${sliceLabel(sorted[index]!)} (${mm(along[index]!)} mm) and ${sliceLabel(sorted[index + 1]!)} (${mm(along[index + 1]!)} mm) along the slice normal: a gap of ${mm(step)} mm where the slices are ${mm(typical)} mm apart (about ${Math.round(step / typical) - 1} missing)`,
        sorted[index + 1]!.file.name,
      );
    }
  }
  let worst = 0;
  for (const [index, step] of steps.entries()) {
    if (Math.abs(step - typical) > Math.abs(steps[worst]! - typical)) worst = index;
  }
  const deviation = Math.abs(steps[worst]! - typical);
  if (deviation > tolerance * typical) {
    throw geometryError(
      `slice spacing must be even: ${sliceLabel(sorted[worst]!)} → ${sliceLabel(sorted[worst + 1]!)} is ${mm(steps[worst]!)} mm where the median step is ${mm(typical)} mm (off by ${mm(deviation)} mm, more than the tolerance ${tolerance} × ${mm(typical)} mm); steps range ${mm(Math.min(...steps))}–${mm(Math.max(...steps))} mm`,
      sorted[worst + 1]!.file.name,
    );
  }
  return typical;
}

/**
 * Orders the slices of one series by ImagePositionPatient projected on the slice normal (never by
 * file name or InstanceNumber), checks that they make one regular volume, and builds the
 * voxel → world affine (RAS+, nibabel semantics) in dcm2niix's voxel layout: i along a row,
 * j from the last row up, k along the normal. The slice step comes from the positions (never
 * SliceThickness, except for a single slice); a gantry tilt gives a sheared affine, which
 * places every voxel where the scanner put it, and a warning.
 * @throws {DicomError} `inconsistent-geometry` for mixed sizes or orientations, duplicate
 * positions, a missing slice, uneven spacing or positions off a line — with the numbers.
 */
export function stackSlices(slices: readonly Slice[], options: StackOptions = {}): Stack {
  const tolerance = options.sliceSpacingTolerance ?? 0.01;
  const tiltWarning = options.gantryTiltWarningDeg ?? 0.1;
  const normal = checkPlanes(slices);
  const keyed = slices.map((slice) => ({ slice, along: dot(slice.geometry.positionMm, normal) }));
  keyed.sort((a, b) => a.along - b.along || sliceLabel(a.slice).localeCompare(sliceLabel(b.slice)));
  const sorted = keyed.map((entry) => entry.slice);
  const along = keyed.map((entry) => entry.along);
  const first = sorted[0]!;
  const { orientation, pixelSpacingMm } = first.geometry;
  const rowDirection = orientation.slice(0, 3);
  const columnDirection = orientation.slice(3, 6);
  const warnings: string[] = [];
  let step: Vec3;
  if (sorted.length === 1) {
    step = scale(normal, first.geometry.sliceThicknessMm ?? 1);
  } else {
    const typical = checkSteps(sorted, along, tolerance);
    const origin = first.geometry.positionMm;
    step = scale(
      sub(sorted[sorted.length - 1]!.geometry.positionMm, origin),
      1 / (sorted.length - 1),
    );
    for (const [index, slice] of sorted.entries()) {
      const off = norm(
        sub(
          slice.geometry.positionMm,
          origin.map((value, axis) => value + index * step[axis]!),
        ),
      );
      if (off > tolerance * typical) {
        throw geometryError(
          `slice positions must lie on one line: ${sliceLabel(slice)} at ${vector(slice.geometry.positionMm)} mm is ${mm(off)} mm off the line from ${sliceLabel(first)} to ${sliceLabel(sorted[sorted.length - 1]!)} (tolerance ${mm(tolerance * typical)} mm)`,
          slice.file.name,
        );
      }
    }
    const tiltDeg = (Math.acos(Math.min(1, dot(step, normal) / norm(step))) * 180) / Math.PI;
    if (tiltDeg > tiltWarning) {
      warnings.push(
        `gantry tilt of ${mm(tiltDeg)}°: the slices are shifted ${mm(norm(sub(step, scale(normal, dot(step, normal)))))} mm in-plane per ${mm(dot(step, normal))} mm step; the affine is sheared so that every voxel keeps its scanner position (resampling to an unsheared grid is left to the caller)`,
      );
    }
  }
  const [rowSpacing, columnSpacing] = pixelSpacingMm;
  const rows = first.file.rows;
  const iColumn = scale(rowDirection, columnSpacing);
  const jColumn = scale(columnDirection, -rowSpacing);
  const origin = first.geometry.positionMm.map(
    (value, axis) => value + (rows - 1) * rowSpacing * columnDirection[axis]!,
  );
  // LPS → RAS: negate x and y.
  const flip = [-1, -1, 1];
  // `+ 0` turns −0 into 0 (so that JSON and equality see plain zeros).
  const affine: Mat4 = [0, 1, 2].map((axis) =>
    [iColumn[axis]!, jColumn[axis]!, step[axis]!, origin[axis]!].map(
      (value) => flip[axis]! * value + 0,
    ),
  );
  affine.push([0, 0, 0, 1]);
  return {
    slices: sorted,
    shape: [first.file.columns, rows, sorted.length],
    spacingMm: [columnSpacing, rowSpacing, norm(step)],
    affine,
    warnings,
  };
}
