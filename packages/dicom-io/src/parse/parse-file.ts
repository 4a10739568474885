import type { DataSet } from 'dicom-parser';
import { DicomError } from '../errors/dicom-error';
import { describeFailure } from './describe-failure';
import type { DicomImageFile, SkippedFile } from './dicom-image-file';
import { parseDicom, readPart10Header } from './dicom-parser';
import { readFrameGeometry, readFunctionalGroups } from './frame-geometry';
import { inflateRaw } from './inflate';
import { ValueReader } from './read-values';
import { TAG, tagLabel } from './tags';
import { TRANSFER_SYNTAXES } from './transfer-syntax';

const DICOMDIR_CLASS = '1.2.840.10008.1.3.10';

/** A parsed image file: its description and the data set its pixels are read from. */
export interface ParsedImage {
  kind: 'image';
  file: DicomImageFile;
  dataSet: DataSet;
}

/** The outcome of parsing one file: an image, or a file that holds none. */
export type ParsedFile = ParsedImage | ({ kind: 'skipped' } & SkippedFile);

/** True when `bytes` carry the DICOM Part 10 marker `DICM` at byte 128. */
export function hasDicomMarker(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

function corrupt(name: string, thrown: unknown): DicomError {
  if (DicomError.isInstance(thrown)) return thrown;
  return new DicomError({
    code: 'corrupt-file',
    message: `the DICOM data elements must parse, the parser says: ${describeFailure(thrown)}`,
    file: name,
    cause: thrown,
  });
}

async function parseDataSet(name: string, bytes: Uint8Array): Promise<DataSet> {
  let meta: DataSet;
  try {
    meta = readPart10Header(bytes);
  } catch (thrown) {
    throw corrupt(name, thrown);
  }
  const syntax = new ValueReader(meta, name).text(TAG.transferSyntaxUid);
  let inflated: Uint8Array | undefined;
  if (syntax !== undefined && TRANSFER_SYNTAXES[syntax]?.deflated) {
    const position = (meta as DataSet & { position: number }).position;
    try {
      const body = await inflateRaw(bytes.subarray(position));
      inflated = new Uint8Array(position + body.length);
      inflated.set(bytes.subarray(0, position));
      inflated.set(body, position);
    } catch (thrown) {
      throw new DicomError({
        code: 'corrupt-file',
        message: `a deflated data set must inflate: ${describeFailure(thrown)}`,
        file: name,
        cause: thrown,
      });
    }
  }
  try {
    return parseDicom(bytes, inflated === undefined ? {} : { inflater: () => inflated });
  } catch (thrown) {
    throw truncatedImage(name, thrown, (inflated ?? bytes).length) ?? corrupt(name, thrown);
  }
}

/**
 * A file cut short inside its pixel data: the parser gives up on the last element but has read
 * the image header (dicom-parser throws `{ exception, dataSet }` with what it parsed).
 */
function truncatedImage(name: string, thrown: unknown, size: number): DicomError | undefined {
  const partial = (thrown as { dataSet?: DataSet } | null)?.dataSet;
  if (partial === undefined || partial.elements[TAG.rows] === undefined) return undefined;
  const reader = new ValueReader(partial, name);
  try {
    const rows = reader.uint16(TAG.rows);
    const columns = reader.uint16(TAG.columns);
    const bits = reader.uint16(TAG.bitsAllocated);
    const frames = reader.integerString(TAG.numberOfFrames, 1);
    return new DicomError({
      code: 'truncated-pixel-data',
      message: `pixel data must hold ${rows} rows × ${columns} columns × ${frames} frame(s) × ${bits} bits = ${(rows * columns * frames * bits) / 8} bytes; the file (${size} bytes) ends inside them (the parser says: ${describeFailure(thrown)})`,
      file: name,
      tag: tagLabel(TAG.pixelData),
      cause: thrown,
    });
  } catch {
    return undefined;
  }
}

function checkPixelBounds(reader: ValueReader, file: DicomImageFile): void {
  const element = reader.dataSet.elements[TAG.pixelData]!;
  const size = reader.dataSet.byteArray.length;
  if (element.encapsulatedPixelData) {
    for (const fragment of element.fragments ?? []) {
      const end = fragment.position + fragment.length;
      if (fragment.length < 0 || end > size) {
        throw new DicomError({
          code: 'truncated-pixel-data',
          message: `a pixel data fragment ends at byte ${end}, past the end of the file (${size} bytes)`,
          file: file.name,
          tag: tagLabel(TAG.pixelData),
        });
      }
    }
    return;
  }
  const needed = (file.rows * file.columns * file.frames.length * file.bitsAllocated) / 8;
  const available = Math.min(element.length, size - element.dataOffset);
  if (available < needed) {
    throw new DicomError({
      code: 'truncated-pixel-data',
      message: `pixel data must hold ${file.rows} rows × ${file.columns} columns × ${file.frames.length} frame(s) × ${file.bitsAllocated} bits = ${needed} bytes, the file has ${Math.max(0, available)}`,
      file: file.name,
      tag: tagLabel(TAG.pixelData),
      value: available,
    });
  }
}

function describeImage(name: string, reader: ValueReader): DicomImageFile {
  const transferSyntaxUid = reader.text(TAG.transferSyntaxUid) ?? '1.2.840.10008.1.2';
  const seriesInstanceUid = reader.text(TAG.seriesInstanceUid);
  if (seriesInstanceUid === undefined) throw reader.missing(TAG.seriesInstanceUid);
  const samples = reader.uint16(TAG.samplesPerPixel, 1);
  if (samples !== 1) {
    throw new DicomError({
      code: 'unsupported-image',
      message: `a CT slice must have 1 sample per pixel (grey levels), got ${samples} (${reader.text(TAG.photometricInterpretation) ?? 'colour'})`,
      file: name,
      tag: tagLabel(TAG.samplesPerPixel),
      value: samples,
    });
  }
  const bitsAllocated = reader.uint16(TAG.bitsAllocated);
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new DicomError({
      code: 'unsupported-image',
      message: `BitsAllocated must be 8, 16 or 32, got ${bitsAllocated}`,
      file: name,
      tag: tagLabel(TAG.bitsAllocated),
      value: bitsAllocated,
    });
  }
  const bitsStored = reader.uint16(TAG.bitsStored, bitsAllocated);
  const highBit = reader.uint16(TAG.highBit, bitsStored - 1);
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit !== bitsStored - 1) {
    throw new DicomError({
      code: 'unsupported-image',
      message: `BitsStored ${bitsStored} with HighBit ${highBit} must fit BitsAllocated ${bitsAllocated} with HighBit = BitsStored − 1`,
      file: name,
      tag: tagLabel(TAG.bitsStored),
      value: bitsStored,
    });
  }
  const rows = reader.uint16(TAG.rows);
  const columns = reader.uint16(TAG.columns);
  if (rows < 1 || columns < 1)
    throw reader.bad(TAG.rows, [rows, columns], 'positive Rows and Columns');
  const frameCount = reader.integerString(TAG.numberOfFrames, 1);
  if (frameCount < 1) throw reader.bad(TAG.numberOfFrames, frameCount, 'a positive frame count');
  const enhanced = reader.has(TAG.perFrameFunctionalGroups);
  if (frameCount > 1 && !enhanced) {
    throw new DicomError({
      code: 'unsupported-image',
      message: `a multi-frame image (${frameCount} frames) needs per-frame functional groups (5200,9230) to place its frames`,
      file: name,
      tag: tagLabel(TAG.perFrameFunctionalGroups),
    });
  }
  const frames = enhanced
    ? readFunctionalGroups(reader, frameCount)
    : [readFrameGeometry([reader], reader)];
  const seriesNumber = reader.integerString(TAG.seriesNumber, Number.NaN);
  return {
    name,
    transferSyntaxUid,
    seriesInstanceUid,
    seriesDescription: reader.text(TAG.seriesDescription),
    seriesNumber: Number.isNaN(seriesNumber) ? undefined : seriesNumber,
    modality: reader.text(TAG.modality),
    sopClassUid: reader.text(TAG.sopClassUid) ?? reader.text(TAG.mediaStorageSopClassUid),
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: reader.uint16(TAG.pixelRepresentation, 0),
    frames,
  };
}

/**
 * Parses one file: an image (its geometry, pixel format and the data set to decode from), or a
 * file passed over with the reason (not DICOM, a DICOMDIR, a report or another object without
 * pixels). Reads no patient data.
 * @param name - the file's name, as errors should show it.
 * @param bytes - the whole file.
 * @throws {DicomError} `corrupt-file` when the data elements do not parse, `truncated-pixel-data`
 * when the pixels are cut short, `unsupported-image` for images this package cannot place.
 */
export async function parseDicomFile(name: string, bytes: Uint8Array): Promise<ParsedFile> {
  if (!hasDicomMarker(bytes)) {
    return { kind: 'skipped', name, reason: 'not a DICOM file (no DICM marker at byte 128)' };
  }
  const dataSet = await parseDataSet(name, bytes);
  const reader = new ValueReader(dataSet, name);
  const sopClass = reader.text(TAG.mediaStorageSopClassUid) ?? reader.text(TAG.sopClassUid);
  if (sopClass === DICOMDIR_CLASS) return { kind: 'skipped', name, reason: 'a DICOMDIR' };
  if (!reader.has(TAG.pixelData)) {
    if (reader.has(TAG.floatPixelData) || reader.has(TAG.doubleFloatPixelData)) {
      throw new DicomError({
        code: 'unsupported-image',
        message: 'float pixel data (7FE0,0008/0009) are not supported; CT stores integers',
        file: name,
      });
    }
    if (reader.has(TAG.rows)) {
      throw new DicomError({
        code: 'truncated-pixel-data',
        message:
          'an image (it has Rows) must have pixel data (7FE0,0010); the file ends before them',
        file: name,
        tag: tagLabel(TAG.pixelData),
      });
    }
    return { kind: 'skipped', name, reason: `no pixel data (SOP class ${sopClass ?? 'unknown'})` };
  }
  try {
    const file = describeImage(name, reader);
    checkPixelBounds(reader, file);
    return { kind: 'image', file, dataSet };
  } catch (thrown) {
    throw corrupt(name, thrown);
  }
}
