import { DicomError } from '../errors/dicom-error';
import type { DicomImageFile } from '../parse/dicom-image-file';
import { transferSyntax } from '../parse/transfer-syntax';

/** One series among the files: what identifies it to the user (no patient data). */
export interface DicomSeriesSummary {
  seriesInstanceUid: string;
  /** SeriesDescription, when given. */
  description: string | undefined;
  seriesNumber: number | undefined;
  modality: string | undefined;
  /** Slices (frames) in the series. */
  slices: number;
  /** Files holding them. */
  files: number;
  /** Transfer syntaxes of its files, as "NAME (UID)". */
  transferSyntaxes: string[];
  /** Whether any file's pixel data are compressed (deflated, JPEG, RLE, JPEG 2000, JPEG-LS). */
  compressed: boolean;
  /** How the values are stored (BitsAllocated, PixelRepresentation) — NIfTI's datatype names. */
  datatype: StoredDatatype;
  /** RescaleSlope and RescaleIntercept when every slice has the same, else null. */
  rescale: { slope: number; intercept: number } | null;
}

/** Stored pixel types, by NIfTI's datatype names. */
export type StoredDatatype = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32';

function storedDatatype(file: DicomImageFile): StoredDatatype {
  return `${file.pixelRepresentation === 1 ? 'int' : 'uint'}${file.bitsAllocated}` as StoredDatatype;
}

function commonRescale(group: readonly DicomImageFile[]): DicomSeriesSummary['rescale'] {
  const frames = group.flatMap((file) => file.frames);
  const { slope, intercept } = frames[0]!;
  return frames.every((frame) => frame.slope === slope && frame.intercept === intercept)
    ? { slope, intercept }
    : null;
}

/** The series among `files`, in order of series number then UID. */
export function summariseSeries(files: readonly DicomImageFile[]): DicomSeriesSummary[] {
  const bySeries = new Map<string, DicomImageFile[]>();
  for (const file of files) {
    const group = bySeries.get(file.seriesInstanceUid) ?? [];
    group.push(file);
    bySeries.set(file.seriesInstanceUid, group);
  }
  return [...bySeries.entries()]
    .map(([uid, group]) => ({
      seriesInstanceUid: uid,
      description: group[0]!.seriesDescription,
      seriesNumber: group[0]!.seriesNumber,
      modality: group[0]!.modality,
      slices: group.reduce((sum, file) => sum + file.frames.length, 0),
      files: group.length,
      transferSyntaxes: [...new Set(group.map((file) => file.transferSyntaxUid))].map(
        (uid) => `${transferSyntax(uid).name} (${uid})`,
      ),
      compressed: group.some((file) => {
        const syntax = transferSyntax(file.transferSyntaxUid);
        return syntax.deflated === true || !syntax.encoding.startsWith('native');
      }),
      datatype: storedDatatype(group[0]!),
      rescale: commonRescale(group),
    }))
    .sort(
      (a, b) =>
        (a.seriesNumber ?? Number.POSITIVE_INFINITY) -
          (b.seriesNumber ?? Number.POSITIVE_INFINITY) ||
        a.seriesInstanceUid.localeCompare(b.seriesInstanceUid),
    );
}

/** One line per series, for messages: `UID "description" (N slices)`. */
export function describeSeries(series: readonly DicomSeriesSummary[]): string {
  return series
    .map(
      (entry) =>
        `${entry.seriesInstanceUid} ${entry.description === undefined ? '(no description)' : JSON.stringify(entry.description)} (${entry.slices} slice${entry.slices === 1 ? '' : 's'})`,
    )
    .join('; ');
}

/**
 * The series to read: the one asked for, or the only one.
 * @param where - names the files in messages (a folder, or "the files given").
 * @throws {DicomError} `several-series` listing each (UID, description, slices) when there are
 * several and none was asked for; `series-not-found` listing them when the one asked for is absent.
 */
export function chooseSeries(
  series: readonly DicomSeriesSummary[],
  wanted: string | undefined,
  where: string,
): DicomSeriesSummary {
  if (wanted !== undefined) {
    const found = series.find((entry) => entry.seriesInstanceUid === wanted);
    if (found !== undefined) return found;
    throw new DicomError({
      code: 'series-not-found',
      message: `series ${wanted} is not in ${where}; it holds ${series.length}: ${describeSeries(series)}`,
      value: wanted,
    });
  }
  if (series.length > 1) {
    throw new DicomError({
      code: 'several-series',
      message: `${where} holds ${series.length} series, choose one with --series UID (option \`series\`): ${describeSeries(series)}`,
    });
  }
  return series[0]!;
}
