import { DicomError } from './errors/dicom-error';
import type { DicomImageFile, SkippedFile } from './parse/dicom-image-file';
import { type ParsedImage, parseDicomFile } from './parse/parse-file';
import { decodeFrame, type StoredSamples } from './pixels/decode-frame';
import { type DecodedSlice, SLICE_BLOCK, SliceBlockWriter } from './series/assemble';
import { type DicomInput, inputBytes, mapLimited } from './series/dicom-input';
import { scanInputs } from './series/scan-inputs';
import { chooseSeries, type DicomSeriesSummary, summariseSeries } from './series/series-summary';
import type { Slice } from './series/slice';
import { type StackOptions, stackSlices } from './series/stack-slices';
import type { Volume } from './volume';

/** Options of {@link readDicomSeries}. */
export interface ReadDicomSeriesOptions extends StackOptions {
  /** SeriesInstanceUID of the series to read where the files hold several. */
  series?: string;
  /** How messages name the files as a whole (a folder path); default "the files given". */
  source?: string;
}

/** A series read as one volume. */
export interface DicomSeries {
  /** Values after rescale (HU for CT) in dcm2niix's voxel layout, affine in RAS+ mm. */
  volume: Volume;
  /** The series read (UID, description, number, modality, slices, transfer syntaxes). */
  series: DicomSeriesSummary;
  /** Geometry the reader accepted but the user should know about (a gantry tilt), with numbers. */
  warnings: string[];
  /** Files that hold no image (not DICOM, a DICOMDIR, reports), and why. */
  skipped: SkippedFile[];
}

/** What the files hold: every series (no pixels decoded) and the files passed over. */
export interface DicomListing {
  series: DicomSeriesSummary[];
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

/** Parsed images by file, read (again) on first use and released after their last frame. */
class ImageCache {
  private readonly images = new Map<DicomImageFile, Promise<ParsedImage>>();
  private readonly remaining = new Map<DicomImageFile, number>();

  constructor(
    private readonly sources: Map<
      DicomImageFile,
      { input: DicomInput; parsed: ParsedImage | undefined }
    >,
    slices: readonly Slice[],
  ) {
    for (const slice of slices)
      this.remaining.set(slice.file, (this.remaining.get(slice.file) ?? 0) + 1);
  }

  get(file: DicomImageFile): Promise<ParsedImage> {
    let image = this.images.get(file);
    if (image === undefined) {
      const source = this.sources.get(file)!;
      image =
        source.parsed !== undefined
          ? Promise.resolve(source.parsed)
          : inputBytes(source.input).then(async (bytes) => {
              const again = await parseDicomFile(file.name, bytes);
              if (again.kind !== 'image' || again.file.frames.length !== file.frames.length) {
                throw new DicomError({
                  code: 'io',
                  message: 'the file changed while it was being read',
                  file: file.name,
                });
              }
              return again;
            });
      this.images.set(file, image);
    }
    return image;
  }

  release(file: DicomImageFile): void {
    const left = (this.remaining.get(file) ?? 1) - 1;
    this.remaining.set(file, left);
    if (left === 0) this.images.delete(file);
  }
}

/** The chosen series, its files and its checked geometry, before any pixel is decoded. */
async function locateSeries(inputs: readonly DicomInput[], options: ReadDicomSeriesOptions) {
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

/**
 * Everything {@link readDicomSeries} checks — the series choice and the geometry (order, gaps,
 * spacing, orientation) — and the volume's shape and affine, without decoding a pixel.
 * @throws {DicomError} as {@link readDicomSeries}, except pixel-decoding errors.
 * @example
 * ```ts
 * const header = await readDicomSeriesHeader(files);
 * console.log(header.shape, header.affine);
 * ```
 */
export async function readDicomSeriesHeader(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesHeader> {
  const { scanned, chosen, stack } = await locateSeries(inputs, options);
  return {
    shape: stack.shape,
    spacingMm: stack.spacingMm,
    affine: stack.affine,
    series: chosen,
    warnings: stack.warnings,
    skipped: scanned.skipped,
  };
}

/** Decodes the stack's slices in order, a block at a time (files read again where needed). */
async function forEachBlock(
  members: Awaited<ReturnType<typeof locateSeries>>['members'],
  stack: Awaited<ReturnType<typeof locateSeries>>['stack'],
  onBlock: (k0: number, decoded: DecodedSlice[]) => void,
): Promise<void> {
  const cache = new ImageCache(
    new Map(members.map((member) => [member.file, member])),
    stack.slices,
  );
  for (let k0 = 0; k0 < stack.shape[2]; k0 += SLICE_BLOCK) {
    const block = stack.slices.slice(k0, k0 + SLICE_BLOCK);
    const decoded = await mapLimited(block, SLICE_BLOCK, async (slice): Promise<DecodedSlice> => {
      const samples = await decodeFrame(await cache.get(slice.file), slice.frame);
      cache.release(slice.file);
      return { samples, slope: slice.geometry.slope, intercept: slice.geometry.intercept };
    });
    onBlock(k0, decoded);
  }
}

/**
 * One slice as stored: `samples[r * columns + c]` is row r, column c — voxel
 * (i = c, j = rows − 1 − r, k) of the volume {@link readDicomSeries} returns — and its value is
 * `sample × slope + intercept`.
 */
export interface DicomSlice {
  samples: StoredSamples;
  slope: number;
  intercept: number;
}

/** Receives the slices of a series in increasing k. */
export type DicomSliceSink = (k: number, slice: DicomSlice) => void;

/**
 * Reads a series slice by slice, never holding the whole volume: the checks of
 * {@link readDicomSeries}, then `start(header)` — which returns where the slices go — and every
 * slice in volume order to it (for fused preprocessing, e.g. nifti-io's
 * `createSlicePreprocessor`).
 * @returns the series' header (shape, affine, series, warnings, skipped files).
 * @throws {DicomError} as {@link readDicomSeries}; whatever `start` or the sink throws.
 * @example
 * ```ts
 * await readDicomSeriesSlices(files, {}, (header) => (k, plane) => console.log(header.shape, k, plane[0]));
 * ```
 */
export async function readDicomSeriesSlices(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions,
  start: (header: DicomSeriesHeader) => DicomSliceSink,
): Promise<DicomSeriesHeader> {
  const { scanned, chosen, members, stack } = await locateSeries(inputs, options);
  const header: DicomSeriesHeader = {
    shape: stack.shape,
    spacingMm: stack.spacingMm,
    affine: stack.affine,
    series: chosen,
    warnings: stack.warnings,
    skipped: scanned.skipped,
  };
  const sink = start(header);
  await forEachBlock(members, stack, (k0, decoded) => {
    for (const [b, slice] of decoded.entries()) sink(k0 + b, slice);
  });
  return header;
}

/**
 * Reads one DICOM series (single-frame or enhanced multi-frame files, in any order) into the
 * same {@link Volume} nifti-io gives for dcm2niix's conversion of it: slices ordered by position
 * along the slice normal, spacing from the positions, PixelSpacing as (row, column), values
 * after RescaleSlope/RescaleIntercept. Browser-safe: the inputs are names with bytes (or a
 * `read` function). Non-image files (DICOMDIR, reports, other files) are skipped and listed.
 * @param inputs - the files of a series (or of a folder holding several series).
 * @param options - `series` (a SeriesInstanceUID) where the files hold several; tolerances.
 * @throws {DicomError} `several-series` / `series-not-found` (listing each series: UID,
 * description, slices), `no-images`, `inconsistent-geometry` (with the numbers),
 * `unsupported-transfer-syntax` ("unsupported transfer syntax NAME (UID)"), `corrupt-file`,
 * `truncated-pixel-data`, `corrupt-pixel-data` — each naming the file at fault.
 * @example
 * ```ts
 * const { volume, series, warnings } = await readDicomSeries(files);
 * console.log(series.seriesInstanceUid, volume.shape, volume.affine, warnings);
 * ```
 */
export async function readDicomSeries(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeries> {
  const { scanned, chosen, members, stack } = await locateSeries(inputs, options);
  const [columns, rows, count] = stack.shape;
  const data = new Float32Array(columns * rows * count);
  const writer = new SliceBlockWriter(data, stack.shape);
  await forEachBlock(members, stack, (k0, decoded) => writer.write(k0, decoded));
  return {
    volume: { data, shape: stack.shape, spacingMm: stack.spacingMm, affine: stack.affine },
    series: chosen,
    warnings: stack.warnings,
    skipped: scanned.skipped,
  };
}
