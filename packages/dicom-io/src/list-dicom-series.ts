import type { SkippedFile } from './parse/dicom-image-file';
import type { DicomInput } from './series/dicom-input';
import { scanInputs } from './series/scan-inputs';
import { type DicomSeriesSummary, summariseSeries } from './series/series-summary';

/** What the files hold: every series (no pixels decoded) and the files passed over. */
export interface DicomListing {
  series: DicomSeriesSummary[];
  skipped: SkippedFile[];
}

/**
 * Lists the series among DICOM files without decoding pixels (for choosing one, or inspecting).
 * @param inputs - the files: names with bytes or a `read` function.
 * @throws {DicomError} `corrupt-file` for a file whose data elements do not parse.
 * @example
 * ```ts
 * const { series } = await listDicomSeries(files);
 * for (const entry of series) console.log(entry.seriesInstanceUid, entry.description, entry.slices);
 * ```
 */
export async function listDicomSeries(inputs: readonly DicomInput[]): Promise<DicomListing> {
  const scanned = await scanInputs(inputs);
  return {
    series: summariseSeries(scanned.images.map((image) => image.file)),
    skipped: scanned.skipped,
  };
}
