import { Decoder as JpegLosslessDecoder } from 'jpeg-lossless-decoder-js';
import { DicomError } from '../errors/dicom-error';
import { describeFailure } from '../parse/describe-failure';
import type { DicomImageFile } from '../parse/dicom-image-file';
import type { ParsedImage } from '../parse/parse-file';
import { TAG } from '../parse/tags';
import { transferSyntax } from '../parse/transfer-syntax';
import { decodeWasmFrame } from './codecs';
import { encapsulatedFrame } from './frame-bytes';
import { decodeRle } from './rle';

/** Stored pixel values of one frame, row by row (row r, column c at `r * columns + c`). */
export type StoredSamples =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array;

function unsupported(file: DicomImageFile): DicomError {
  const uid = file.transferSyntaxUid;
  return new DicomError({
    code: 'unsupported-transfer-syntax',
    message: `unsupported transfer syntax ${transferSyntax(uid).name} (${uid}); supported: implicit/explicit VR little endian, explicit VR big endian, deflated, JPEG lossless, JPEG-LS, RLE lossless, JPEG 2000`,
    file: file.name,
    tag: '(0002,0010)',
    value: uid,
  });
}

/** Little-endian sample bytes → a typed view (copied when misaligned), bits above HighBit cleared. */
function toSamples(bytes: Uint8Array, file: DicomImageFile): StoredSamples {
  const width = file.bitsAllocated / 8;
  const signed = file.pixelRepresentation === 1;
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  const count = aligned.length / width;
  const { buffer, byteOffset } = aligned;
  let samples: StoredSamples;
  if (width === 1) samples = signed ? new Int8Array(buffer, byteOffset, count) : aligned;
  else if (width === 2)
    samples = signed
      ? new Int16Array(buffer, byteOffset, count)
      : new Uint16Array(buffer, byteOffset, count);
  else
    samples = signed
      ? new Int32Array(buffer, byteOffset, count)
      : new Uint32Array(buffer, byteOffset, count);
  if (file.bitsStored === file.bitsAllocated) return samples;
  const shift = 32 - file.bitsStored;
  const out = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    const value = samples[index]! << shift;
    out[index] = signed ? value >> shift : value >>> shift;
  }
  return out;
}

function checkDecoded(file: DicomImageFile, bytes: Uint8Array, what: string): Uint8Array {
  const expected = (file.rows * file.columns * file.bitsAllocated) / 8;
  if (bytes.length !== expected) {
    throw new DicomError({
      code: 'corrupt-pixel-data',
      message: `the ${what} frame must decode to ${file.rows} × ${file.columns} samples of ${file.bitsAllocated} bits (${expected} bytes), got ${bytes.length} bytes`,
      file: file.name,
    });
  }
  return bytes;
}

function nativeFrame(image: ParsedImage, index: number, bigEndian: boolean): Uint8Array {
  const { file, dataSet } = image;
  const element = dataSet.elements[TAG.pixelData]!;
  const width = file.bitsAllocated / 8;
  const frameBytes = file.rows * file.columns * width;
  const start = dataSet.byteArray.byteOffset + element.dataOffset + index * frameBytes;
  const bytes = new Uint8Array(dataSet.byteArray.buffer, start, frameBytes);
  if (!bigEndian || width === 1) return bytes;
  const swapped = new Uint8Array(frameBytes);
  for (let at = 0; at < frameBytes; at += width) {
    for (let b = 0; b < width; b++) swapped[at + b] = bytes[at + width - 1 - b]!;
  }
  return swapped;
}

function jpegLossless(frame: Uint8Array, file: DicomImageFile): Uint8Array {
  try {
    const decoded = new JpegLosslessDecoder().decode(
      frame.buffer,
      frame.byteOffset,
      frame.length,
      file.bitsAllocated / 8,
    );
    return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  } catch (thrown) {
    throw new DicomError({
      code: 'corrupt-pixel-data',
      message: `the JPEG lossless frame must decode: ${describeFailure(thrown)}`,
      file: file.name,
      cause: thrown,
    });
  }
}

/**
 * The stored values of frame `index` (0-based) of a parsed image, decoded from its transfer
 * syntax.
 * @throws {DicomError} `unsupported-transfer-syntax` ("unsupported transfer syntax NAME (UID)")
 * or `corrupt-pixel-data`, naming the file.
 */
export async function decodeFrame(image: ParsedImage, index: number): Promise<StoredSamples> {
  const { file } = image;
  const encoding = transferSyntax(file.transferSyntaxUid).encoding;
  const encapsulated = image.dataSet.elements[TAG.pixelData]!.encapsulatedPixelData === true;
  if (
    encoding === 'unsupported' ||
    encapsulated !== (encoding !== 'native-le' && encoding !== 'native-be')
  ) {
    throw unsupported(file);
  }
  const pixelCount = file.rows * file.columns;
  let bytes: Uint8Array;
  if (encoding === 'native-le' || encoding === 'native-be') {
    bytes = nativeFrame(image, index, encoding === 'native-be');
  } else if (encoding === 'rle') {
    bytes = decodeRle(
      encapsulatedFrame(image, index, false),
      pixelCount,
      file.bitsAllocated / 8,
      file.name,
    );
  } else if (encoding === 'jpeg-lossless') {
    bytes = checkDecoded(
      file,
      jpegLossless(encapsulatedFrame(image, index, true), file),
      'JPEG lossless',
    );
  } else {
    const decoded = await decodeWasmFrame(
      encoding,
      encapsulatedFrame(image, index, false),
      file.name,
    );
    if (
      decoded.width !== file.columns ||
      decoded.height !== file.rows ||
      decoded.components !== 1
    ) {
      throw new DicomError({
        code: 'corrupt-pixel-data',
        message: `the ${encoding} frame is ${decoded.width} × ${decoded.height} with ${decoded.components} component(s); the header says ${file.columns} × ${file.rows} with 1`,
        file: file.name,
      });
    }
    bytes = checkDecoded(file, decoded.bytes, encoding);
  }
  return toSamples(bytes, file);
}
