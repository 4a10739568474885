import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DicomError } from '../errors/dicom-error';
import { type DicomListing, listDicomSeries } from '../list-dicom-series';
import {
  type DicomSeries,
  type ReadDicomSeriesOptions,
  readDicomSeries,
} from '../read-dicom-series';
import { readDicomSeriesHeader } from '../read-dicom-series-header';
import { type DicomSliceSink, readDicomSeriesSlices } from '../read-dicom-series-slices';
import type { DicomInput } from '../series/dicom-input';
import type { DicomSeriesHeader } from '../series/locate-series';

function ioError(path: string, error: unknown): DicomError {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new DicomError({
    code: 'io',
    message: `a DICOM series folder must be readable (${detail})`,
    file: path,
    cause: error,
  });
}

/**
 * The files under `folder` (sub-folders included, names sorted) as lazily read inputs, so that
 * a reader holds only a few files in memory at a time.
 * @param folder - a folder holding a DICOM series (or several).
 * @throws {DicomError} `io` when the folder cannot be listed.
 */
export async function dicomFolderInputs(folder: string): Promise<DicomInput[]> {
  let names: string[];
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    names = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    throw ioError(folder, error);
  }
  return names.map((name) => ({
    name,
    read: async () => {
      try {
        const buffer = await readFile(name);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        throw ioError(name, error);
      }
    },
  }));
}

/**
 * Reads the DICOM series in `folder` (one file in memory at a time while scanning, a block of
 * slices while decoding): {@link readDicomSeries} over the folder's files.
 * @param folder - the series folder (sub-folders included).
 * @param options - `series` (SeriesInstanceUID) where the folder holds several; tolerances.
 * @throws {DicomError} as {@link readDicomSeries}; `io` when the folder cannot be read.
 * @example
 * ```ts
 * import { readDicomFolder } from '@ct-fracture/dicom-io/node';
 * const { volume, series } = await readDicomFolder('scans/patient-7');
 * ```
 */
export async function readDicomFolder(
  folder: string,
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeries> {
  return readDicomSeries(await dicomFolderInputs(folder), { source: folder, ...options });
}

/**
 * The series in `folder` (UID, description, number, slices, transfer syntaxes) without decoding
 * pixels, and the files passed over.
 * @throws {DicomError} `corrupt-file` for a file that does not parse; `io`.
 */
export async function listDicomFolder(folder: string): Promise<DicomListing> {
  return listDicomSeries(await dicomFolderInputs(folder));
}

/**
 * The series in `folder` checked as {@link readDicomFolder} checks it (series choice, geometry),
 * with its shape and affine, without decoding pixels.
 * @throws {DicomError} as {@link readDicomFolder}, except pixel-decoding errors.
 */
export async function readDicomFolderHeader(
  folder: string,
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesHeader> {
  return readDicomSeriesHeader(await dicomFolderInputs(folder), { source: folder, ...options });
}

/**
 * Reads the series in `folder` slice by slice ({@link readDicomSeriesSlices}): one block of
 * slices in memory at a time, for fused preprocessing.
 * @throws {DicomError} as {@link readDicomFolder}; whatever `start` or the sink throws.
 */
export async function readDicomFolderSlices(
  folder: string,
  options: ReadDicomSeriesOptions,
  start: (header: DicomSeriesHeader) => DicomSliceSink,
): Promise<DicomSeriesHeader> {
  return readDicomSeriesSlices(
    await dicomFolderInputs(folder),
    { source: folder, ...options },
    start,
  );
}
