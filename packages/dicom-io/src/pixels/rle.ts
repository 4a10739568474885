import { DicomError } from '../errors/dicom-error';

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G): a 64-byte header (segment count, then 15
 * offsets), one PackBits segment per byte plane, most significant byte first. Returns the frame
 * as little-endian samples, `bytesPerSample` bytes each.
 * @param frame - the frame's encapsulated bytes.
 * @param pixelCount - rows × columns.
 * @param bytesPerSample - BitsAllocated / 8.
 * @param file - named in errors.
 * @throws {DicomError} `corrupt-pixel-data` when the header or a segment does not hold exactly
 * `pixelCount` samples.
 */
export function decodeRle(
  frame: Uint8Array,
  pixelCount: number,
  bytesPerSample: number,
  file: string,
): Uint8Array {
  const fail = (message: string) =>
    new DicomError({ code: 'corrupt-pixel-data', message: `RLE frame: ${message}`, file });
  if (frame.length < 64) throw fail(`the 64-byte header is cut short (${frame.length} bytes)`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPerSample) {
    throw fail(
      `must have ${bytesPerSample} segment(s) (one per byte of a sample), has ${segments}`,
    );
  }
  const out = new Uint8Array(pixelCount * bytesPerSample);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + 4 * segment, true);
    const end = segment + 1 < segments ? view.getUint32(8 + 4 * segment, true) : frame.length;
    if (start < 64 || end > frame.length || start > end) {
      throw fail(`segment ${segment + 1} spans bytes ${start}–${end} of ${frame.length}`);
    }
    // Segment 0 is the most significant byte: little-endian byte index bytesPerSample − 1.
    const plane = bytesPerSample - 1 - segment;
    let written = 0;
    let at = start;
    while (at < end && written < pixelCount) {
      const header = frame[at++]!;
      if (header < 128) {
        const count = header + 1;
        if (at + count > end || written + count > pixelCount) {
          throw fail(`segment ${segment + 1} overruns its data at byte ${at}`);
        }
        for (let n = 0; n < count; n++)
          out[(written + n) * bytesPerSample + plane] = frame[at + n]!;
        at += count;
        written += count;
      } else if (header > 128) {
        const count = 257 - header;
        if (at >= end || written + count > pixelCount) {
          throw fail(`segment ${segment + 1} overruns its data at byte ${at}`);
        }
        const value = frame[at++]!;
        for (let n = 0; n < count; n++) out[(written + n) * bytesPerSample + plane] = value;
        written += count;
      }
    }
    if (written !== pixelCount) {
      throw fail(`segment ${segment + 1} holds ${written} samples, the frame has ${pixelCount}`);
    }
  }
  return out;
}
