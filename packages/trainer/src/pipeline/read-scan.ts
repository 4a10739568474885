import { stat } from 'node:fs/promises';
import { readDicomFolder, readDicomFolderHeader } from '@ct-fracture/dicom-io/node';
import type { Volume } from '@ct-fracture/nifti-io';
import { readNifti, readNiftiHeader } from '@ct-fracture/nifti-io/node';

/** How a scan is stored: a NIfTI file, or a folder holding a DICOM series. */
export type ScanFormat = 'nifti' | 'dicom';

/** Options of {@link readScan} and {@link checkScan}. */
export interface ReadScanOptions {
  /** SeriesInstanceUID of the series to read where a folder holds several. */
  series?: string;
}

/** A scan read as a volume (values in HU, RAS affine), and what the reader wants said. */
export interface ScanVolume {
  volume: Volume;
  format: ScanFormat;
  /** Geometry the DICOM reader accepted with a caveat (a gantry tilt), with the numbers. */
  warnings: string[];
}

/**
 * Whether a scan path is a DICOM series folder (a directory) or a NIfTI file (anything else).
 * @throws the file system's error when the path does not exist.
 */
export async function scanFormat(path: string): Promise<ScanFormat> {
  return (await stat(path)).isDirectory() ? 'dicom' : 'nifti';
}

/**
 * Reads a scan — a NIfTI file (`.nii`, `.nii.gz`) or a folder holding one DICOM series — into
 * the same {@link Volume}: the one place where a scan's format is decided.
 * @param path - the file or folder.
 * @param options - `series` where a folder holds several series.
 * @throws {NiftiError} / {DicomError} naming the file at fault.
 * @example
 * const { volume, format } = await readScan('data/one_side_train/P001-left'); // a series folder
 */
export async function readScan(path: string, options: ReadScanOptions = {}): Promise<ScanVolume> {
  if ((await scanFormat(path)) === 'dicom') {
    const { volume, warnings } = await readDicomFolder(path, { series: options.series });
    return { volume, format: 'dicom', warnings };
  }
  const { volume } = await readNifti(path);
  return { volume, format: 'nifti', warnings: [] };
}

/**
 * Checks that a scan can be read without decoding its voxels: a NIfTI header, or a DICOM
 * folder's series choice and geometry (order, gaps, spacing, orientation).
 * @returns the format, and the series' warnings (a gantry tilt) with the numbers.
 * @throws {NiftiError} / {DicomError} naming the file at fault.
 */
export async function checkScan(
  path: string,
  options: ReadScanOptions = {},
): Promise<{ format: ScanFormat; warnings: string[] }> {
  if ((await scanFormat(path)) === 'dicom') {
    const { warnings } = await readDicomFolderHeader(path, { series: options.series });
    return { format: 'dicom', warnings };
  }
  await readNiftiHeader(path);
  return { format: 'nifti', warnings: [] };
}
