import {
  type DicomSeriesSummary,
  listDicomSeries,
  readDicomSeries,
  readDicomSeriesHeader,
} from '@ct-fracture/dicom-io';
import { decodeNifti, NiftiError, type Volume } from '@ct-fracture/nifti-io';
import type { PickedFile } from '../app/picked-files';
import { ViewerError } from '../app/viewer-error';
import { scanName } from './classify-files';
import { scanShapeProblem } from './scan-limits';

/** A scan opened in the page. */
export interface OpenedScan {
  /** The scan in HU, in nifti-io's layout (docs/contracts.md). */
  volume: Volume;
  /** Its name as the CLI names it (file name without `.nii`/`.nii.gz`, or the series folder's). */
  name: string;
  /** `NIfTI-1`, `NIfTI-2` or `DICOM series (n slices)`. */
  format: string;
  /** Warnings from the reader (gantry tilt, …). */
  warnings: string[];
}

/**
 * Reads one NIfTI file (`.nii` / `.nii.gz`, gzip by content) with nifti-io's browser-safe
 * reader; refuses a 4D or oversized image from its header, before reading voxels.
 * @throws NiftiError (not NIfTI, truncated, corrupt gzip…) or ViewerError `scan-refused`, naming the file.
 */
export async function readNiftiFile({ file, path }: PickedFile): Promise<OpenedScan> {
  const { header, volume } = await decodeNifti(file, {
    file: file.name,
    checkHeader: (parsed) => {
      const problem = scanShapeProblem(parsed.shape);
      if (problem !== undefined) throw new ViewerError('scan-refused', `${file.name}: ${problem}`);
    },
  }).catch((error: unknown) => {
    if (NiftiError.isInstance(error) && error.code === 'bad-magic') {
      const detail = error.message.replace(`${file.name}: `, '');
      throw new ViewerError(
        'scan-refused',
        `${file.name} is not a NIfTI file (.nii, .nii.gz) — ${detail}`,
      );
    }
    throw error;
  });
  return {
    volume,
    name: scanName([path]),
    format: header.format === 'nifti2' ? 'NIfTI-2' : 'NIfTI-1',
    warnings: [],
  };
}

function dicomInputs(files: readonly PickedFile[]) {
  return files.map(({ file, path }) => ({
    name: path,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

/**
 * Reads a DICOM series folder with dicom-io's browser-safe reader (the same volume and affine
 * as dcm2niix's conversion); checks its size from the headers before decoding pixels.
 * @param series - the SeriesInstanceUID to read where the files hold several.
 * @throws DicomError (`several-series` without `series`, missing slices, …) or ViewerError
 *   `scan-refused`.
 */
export async function readDicomFiles(
  files: readonly PickedFile[],
  series?: string,
): Promise<OpenedScan> {
  const inputs = dicomInputs(files);
  const name = scanName(files.map(({ path }) => path));
  const header = await readDicomSeriesHeader(inputs, { series });
  const problem = scanShapeProblem(header.shape);
  if (problem !== undefined) throw new ViewerError('scan-refused', `${name}: ${problem}`);
  const read = await readDicomSeries(inputs, { series });
  return {
    volume: read.volume,
    name,
    format: `DICOM series (${read.series.slices} slices)`,
    warnings: [...read.warnings],
  };
}

/** The series among DICOM files (no pixel decoded), to choose one where a folder holds several. */
export async function listSeries(files: readonly PickedFile[]): Promise<DicomSeriesSummary[]> {
  return (await listDicomSeries(dicomInputs(files))).series;
}
