import { CtFractureError } from '@ct-fracture/core';

/**
 * What went wrong while reading a DICOM series.
 *
 * - `not-dicom`: a file given on its own is not DICOM (no `DICM` marker at byte 128).
 * - `corrupt-file`: the file's data elements cannot be parsed (bad lengths, cut short).
 * - `truncated-pixel-data`: the pixel data are shorter than rows × columns × frames × bits.
 * - `corrupt-pixel-data`: compressed pixel data that do not decode to the frame the header
 *   describes.
 * - `unsupported-transfer-syntax`: a transfer syntax this package cannot decode.
 * - `unsupported-image`: an image this package cannot turn into a volume (colour, 12-bit
 *   packed, a missing geometry tag, …).
 * - `no-images`: no image in the files given (only non-image files, or nothing).
 * - `several-series`: the files hold more than one series and none was chosen.
 * - `series-not-found`: the series asked for is not among the files.
 * - `inconsistent-geometry`: the slices do not make one regular volume (mixed orientations or
 *   sizes, duplicate positions, a missing slice, uneven spacing).
 * - `io`: the file system refused (missing folder, permission).
 */
export type DicomErrorCode =
  | 'not-dicom'
  | 'corrupt-file'
  | 'truncated-pixel-data'
  | 'corrupt-pixel-data'
  | 'unsupported-transfer-syntax'
  | 'unsupported-image'
  | 'no-images'
  | 'several-series'
  | 'series-not-found'
  | 'inconsistent-geometry'
  | 'io';

/** Where-fields and cause of a {@link DicomError}. */
export interface DicomErrorOptions {
  code: DicomErrorCode;
  /** What must be, what we got (the file name is prefixed automatically). */
  message: string;
  /** The file at fault (as the caller named it), when there is one. */
  file?: string;
  /** The DICOM tag at fault, `(GGGG,EEEE)`, when there is one. */
  tag?: string;
  /** The offending value, when there is one (never patient data). */
  value?: unknown;
  cause?: unknown;
}

/**
 * A DICOM file or series that cannot be read as one volume. `file` names the file at fault (as
 * the caller named it: a path or a browser file name), `tag` the data element, `value` what was
 * found. Messages and fields never carry patient data (names, IDs, dates).
 * @example
 * ```ts
 * import { DicomError, readDicomSeries } from '@ct-fracture/dicom-io';
 * try {
 *   await readDicomSeries([{ name: 'a.dcm', bytes: new Uint8Array(16) }]);
 * } catch (error) {
 *   if (DicomError.isInstance(error)) console.error(error.code, error.file);
 * }
 * ```
 */
export class DicomError extends CtFractureError {
  static override readonly errorName: string = 'DicomError';
  declare readonly code: DicomErrorCode;
  readonly file: string | undefined;
  readonly tag: string | undefined;
  readonly value: unknown;

  constructor(options: DicomErrorOptions) {
    const where = options.file === undefined ? '' : `${options.file}: `;
    super({ code: options.code, message: `${where}${options.message}`, cause: options.cause });
    this.file = options.file;
    this.tag = options.tag;
    this.value = options.value;
  }
}
