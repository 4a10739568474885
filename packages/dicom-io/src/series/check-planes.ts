import { DicomError } from '../errors/dicom-error';
import { type Slice, sliceLabel } from './slice';
import { cross, dot, norm, vector } from './vector';

const ORIENTATION_TOLERANCE = 1e-4;
const SPACING_TOLERANCE_MM = 1e-4;

function geometryError(message: string, file?: string, tag?: string, value?: unknown): DicomError {
  return new DicomError({ code: 'inconsistent-geometry', message, file, tag, value });
}

/**
 * Checks that every slice has the first one's size, orientation and pixel spacing, and that the
 * orientation is two orthogonal unit vectors; returns the unit slice normal (row × column, LPS).
 * @throws {DicomError} `inconsistent-geometry` naming both slices and both values.
 */
export function checkPlanes(slices: readonly Slice[]): [number, number, number] {
  const first = slices[0]!;
  const orientation = first.geometry.orientation;
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  if (
    Math.abs(norm(row) - 1) > 1e-3 ||
    Math.abs(norm(column) - 1) > 1e-3 ||
    Math.abs(dot(row, column)) > 1e-3
  ) {
    throw geometryError(
      `ImageOrientationPatient must be two orthogonal unit vectors, got ${vector(orientation)}`,
      first.file.name,
      '(0020,0037)',
      orientation,
    );
  }
  for (const slice of slices) {
    const { file, geometry } = slice;
    if (file.rows !== first.file.rows || file.columns !== first.file.columns) {
      throw geometryError(
        `every slice of a series must have one size: ${sliceLabel(first)} is ${first.file.columns} × ${first.file.rows} (columns × rows), ${sliceLabel(slice)} is ${file.columns} × ${file.rows}`,
        file.name,
        '(0028,0010)',
      );
    }
    const difference = Math.max(
      ...geometry.orientation.map((value, index) => Math.abs(value - orientation[index]!)),
    );
    if (difference > ORIENTATION_TOLERANCE) {
      throw geometryError(
        `every slice of a series must have one orientation: ${sliceLabel(first)} has ImageOrientationPatient ${vector(orientation)}, ${sliceLabel(slice)} has ${vector(geometry.orientation)} (a localizer in the series? pick the slices of one orientation)`,
        file.name,
        '(0020,0037)',
        geometry.orientation,
      );
    }
    const spacing = geometry.pixelSpacingMm;
    const reference = first.geometry.pixelSpacingMm;
    if (
      Math.max(Math.abs(spacing[0] - reference[0]), Math.abs(spacing[1] - reference[1])) >
      SPACING_TOLERANCE_MM
    ) {
      throw geometryError(
        `every slice of a series must have one PixelSpacing: ${sliceLabel(first)} has ${vector(reference)} mm, ${sliceLabel(slice)} has ${vector(spacing)} mm`,
        file.name,
        '(0028,0030)',
        spacing,
      );
    }
  }
  const normal = cross(row, column);
  const length = norm(normal);
  return [normal[0] / length, normal[1] / length, normal[2] / length];
}
