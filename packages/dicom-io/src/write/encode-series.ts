import { DicomError } from '../errors/dicom-error';
import { cross, dot, norm, scale } from '../series/vector';
import type { Volume } from '../volume';
import { decimalString, ElementWriter } from './element-writer';
import { uidFromKey } from './uid';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_UID = '2.25.178403917326917364910931652311402377043';

/** Options of {@link encodeDicomSeries}. */
export interface EncodeDicomSeriesOptions {
  /** The key every UID (study, series, frame of reference, instances) is derived from: the same key, the same UIDs. */
  uidKey: string;
  /** SeriesDescription (0008,103E). Default: none. */
  seriesDescription?: string;
  /** SeriesNumber (0020,0011). Default 1. */
  seriesNumber?: number;
  /** RescaleIntercept: stored = round((value − intercept) / slope). Default −1024 (HU). */
  rescaleIntercept?: number;
  /** RescaleSlope. Default 1. */
  rescaleSlope?: number;
}

/** One encoded file: its name within the series folder and its bytes. */
export interface EncodedFile {
  name: string;
  bytes: Uint8Array;
}

const LPS = [-1, -1, 1];

function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

function invalid(message: string, value?: unknown): DicomError {
  return new DicomError({ code: 'unsupported-image', message, value });
}

function metaHeader(sopInstanceUid: string): Uint8Array {
  const body = new ElementWriter()
    .add(0x0002, 0x0001, 'OB', Uint8Array.of(0, 1))
    .add(0x0002, 0x0002, 'UI', CT_IMAGE_STORAGE)
    .add(0x0002, 0x0003, 'UI', sopInstanceUid)
    .add(0x0002, 0x0010, 'UI', EXPLICIT_LITTLE)
    .add(0x0002, 0x0012, 'UI', IMPLEMENTATION_UID)
    .bytes();
  const group = new ElementWriter().add(0x0002, 0x0000, 'UL', body.length).bytes();
  const out = new Uint8Array(132 + group.length + body.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(group, 132);
  out.set(body, 132 + group.length);
  return out;
}

/**
 * Encodes a volume as a CT series (one explicit VR little endian file per slice, int16 with
 * RescaleSlope/RescaleIntercept), the inverse of `readDicomSeries`: reading the files back gives
 * the same values and affine — and the same voxel layout when the affine's determinant is
 * negative (dcm2niix's layout, e.g. LAS); otherwise k comes back reversed (the same voxels in
 * world space). No patient data is written (PatientName and PatientID are empty).
 * @param volume - values (HU), shape `[columns, rows, slices]`, RAS affine with orthogonal i, j.
 * @throws {DicomError} `unsupported-image` when i and j are not orthogonal, or a value does not
 * fit int16 after rescale.
 * @example
 * ```ts
 * const files = encodeDicomSeries(volume, { uidKey: 'phantom-0001' });
 * ```
 */
export function encodeDicomSeries(
  volume: Volume,
  options: EncodeDicomSeriesOptions,
): EncodedFile[] {
  const [columns, rows, slices] = volume.shape;
  const slope = options.rescaleSlope ?? 1;
  const intercept = options.rescaleIntercept ?? -1024;
  const column = (axis: number) => [0, 1, 2].map((row) => LPS[row]! * volume.affine[row]![axis]!);
  const [a0, a1, a2] = [column(0), column(1), column(2)];
  const rowSpacing = norm(a1);
  const columnSpacing = norm(a0);
  if (Math.abs(dot(a0, a1)) > 1e-6 * rowSpacing * columnSpacing) {
    throw invalid(
      'a DICOM slice needs orthogonal in-plane axes; the affine’s i and j columns are not',
      volume.affine,
    );
  }
  const rowDirection = scale(a0, 1 / columnSpacing);
  const columnDirection = scale(a1, -1 / rowSpacing);
  const normal = cross(rowDirection, columnDirection);
  const thickness = Math.abs(dot(a2, normal));
  const study = uidFromKey(`${options.uidKey}/study`);
  const series = uidFromKey(`${options.uidKey}/series`);
  const frame = uidFromKey(`${options.uidKey}/frame-of-reference`);
  const origin = [0, 1, 2].map(
    (axis) => LPS[axis]! * volume.affine[axis]![3]! + (rows - 1) * a1[axis]!,
  );
  const digits = Math.max(4, String(slices).length);
  const files: EncodedFile[] = [];
  for (let k = 0; k < slices; k++) {
    const pixels = new Uint8Array(rows * columns * 2);
    const view = new DataView(pixels.buffer);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const value = volume.data[(c * rows + (rows - 1 - r)) * slices + k]!;
        const stored = roundHalfEven((value - intercept) / slope);
        if (!(stored >= -32768 && stored <= 32767)) {
          throw invalid(
            `voxel (${c}, ${rows - 1 - r}, ${k}) = ${value} does not fit int16 with slope ${slope} and intercept ${intercept}`,
            value,
          );
        }
        view.setInt16((r * columns + c) * 2, stored, true);
      }
    }
    const sop = `${series}.${k + 1}`;
    const position = origin.map((value, axis) => value + k * a2[axis]!);
    const data = new ElementWriter()
      .add(0x0008, 0x0008, 'CS', 'ORIGINAL\\PRIMARY\\AXIAL')
      .add(0x0008, 0x0016, 'UI', CT_IMAGE_STORAGE)
      .add(0x0008, 0x0018, 'UI', sop)
      .add(0x0008, 0x0060, 'CS', 'CT');
    if (options.seriesDescription !== undefined)
      data.add(0x0008, 0x103e, 'LO', options.seriesDescription);
    data
      .add(0x0010, 0x0010, 'PN', '')
      .add(0x0010, 0x0020, 'LO', '')
      .add(0x0018, 0x0050, 'DS', decimalString(thickness))
      .add(0x0020, 0x000d, 'UI', study)
      .add(0x0020, 0x000e, 'UI', series)
      .add(0x0020, 0x0011, 'IS', String(options.seriesNumber ?? 1))
      .add(0x0020, 0x0013, 'IS', String(k + 1))
      .add(0x0020, 0x0032, 'DS', position.map(decimalString).join('\\'))
      .add(
        0x0020,
        0x0037,
        'DS',
        [...rowDirection, ...columnDirection].map(decimalString).join('\\'),
      )
      .add(0x0020, 0x0052, 'UI', frame)
      .add(0x0028, 0x0002, 'US', 1)
      .add(0x0028, 0x0004, 'CS', 'MONOCHROME2')
      .add(0x0028, 0x0010, 'US', rows)
      .add(0x0028, 0x0011, 'US', columns)
      .add(0x0028, 0x0030, 'DS', `${decimalString(rowSpacing)}\\${decimalString(columnSpacing)}`)
      .add(0x0028, 0x0100, 'US', 16)
      .add(0x0028, 0x0101, 'US', 16)
      .add(0x0028, 0x0102, 'US', 15)
      .add(0x0028, 0x0103, 'US', 1)
      .add(0x0028, 0x1052, 'DS', decimalString(intercept))
      .add(0x0028, 0x1053, 'DS', decimalString(slope))
      .add(0x0028, 0x1054, 'LO', 'HU')
      .add(0x7fe0, 0x0010, 'OW', pixels);
    const meta = metaHeader(sop);
    const body = data.bytes();
    const bytes = new Uint8Array(meta.length + body.length);
    bytes.set(meta);
    bytes.set(body, meta.length);
    files.push({ name: `slice-${String(k + 1).padStart(digits, '0')}.dcm`, bytes });
  }
  return files;
}
