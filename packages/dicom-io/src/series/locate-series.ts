import { DicomError } from '../errors/dicom-error';
import type { SkippedFile } from '../parse/dicom-image-file';
import type { DicomInput } from './dicom-input';
import { scanInputs } from './scan-inputs';
import { chooseSeries, type DicomSeriesSummary, summariseSeries } from './series-summary';
import type { Slice } from './slice';
import { type StackOptions, stackSlices } from './stack-slices';

/** Options of {@link readDicomSeries}. */
export interface ReadDicomSeriesOptions extends StackOptions {
  /** SeriesInstanceUID of the series to read where the files hold several. */
  series?: string;
  /** How messages name the files as a whole (a folder path); default "the files given". */
  source?: string;
}

/** A series' geometry without its pixels: what {@link readDicomSeriesHeader} returns. */
export interface DicomSeriesHeader {
  /** `[columns, rows, slices]`, as the volume would have. */
  shape: [number, number, number];
  spacingMm: [number, number, number];
  /** Voxel → world, RAS+ mm. */
  affine: number[][];
  series: DicomSeriesSummary;
  warnings: string[];
  skipped: SkippedFile[];
}

function noImages(where: string, skipped: readonly SkippedFile[]): DicomError {
  const reasons = skipped.slice(0, 3).map((entry) => `${entry.name}: ${entry.reason}`);
  const more = skipped.length > 3 ? `; and ${skipped.length - 3} more` : '';
  return new DicomError({
    code: 'no-images',
    message: `${where} must hold a DICOM image series; found no image in ${skipped.length} file(s)${reasons.length > 0 ? ` (${reasons.join('; ')}${more})` : ''}`,
  });
}

/** The chosen series, its files and its checked geometry, before any pixel is decoded. */
export async function locateSeries(inputs: readonly DicomInput[], options: ReadDicomSeriesOptions) {
  const where = options.source ?? 'the files given';
  const scanned = await scanInputs(inputs);
  if (scanned.images.length === 0) throw noImages(where, scanned.skipped);
  const chosen = chooseSeries(
    summariseSeries(scanned.images.map((image) => image.file)),
    options.series,
    where,
  );
  const members = scanned.images.filter(
    (image) => image.file.seriesInstanceUid === chosen.seriesInstanceUid,
  );
  const slices: Slice[] = members.flatMap(({ file }) =>
    file.frames.map((geometry, frame) => ({ file, frame, geometry })),
  );
  return { scanned, chosen, members, stack: stackSlices(slices, options) };
}

/** A located series' header: what {@link DicomSeriesHeader} says. */
export function seriesHeader(located: LocatedSeries): DicomSeriesHeader {
  const { scanned, chosen, stack } = located;
  return {
    shape: stack.shape,
    spacingMm: stack.spacingMm,
    affine: stack.affine,
    series: chosen,
    warnings: stack.warnings,
    skipped: scanned.skipped,
  };
}

/** The outcome of {@link locateSeries}. */
export type LocatedSeries = Awaited<ReturnType<typeof locateSeries>>;
