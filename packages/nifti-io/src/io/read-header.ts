import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import { headerKind, parseHeaderBytes } from '../header/parse-header';
import type { ByteSource } from './byte-source';

/**
 * Reads and parses the header from the start of a source, leaving the position at
 * the header's end (extensions, if any, follow).
 * @throws {NiftiError} `truncated-header`, `bad-magic` and the header checks of
 *   `parseHeaderBytes`.
 */
export async function readHeaderFrom(source: ByteSource): Promise<NiftiHeader> {
  const first = new Uint8Array(4);
  const got = await source.read(first);
  const kind = headerKind(first.subarray(0, got));
  const bytes = new Uint8Array(kind.headerBytes);
  bytes.set(first);
  const rest = await source.read(bytes.subarray(4));
  if (rest < kind.headerBytes - 4) {
    throw new NiftiError({
      code: 'truncated-header',
      offset: 4 + rest,
      message: `a ${kind.format} header must be ${kind.headerBytes} bytes; the file has ${4 + rest}`,
    });
  }
  return parseHeaderBytes(bytes, source.compressed);
}

/**
 * Checks that the data of frames `[firstFrame, firstFrame + frameCount)` can be in the file
 * and moves the source to the first of them.
 * @throws {NiftiError} `vox-offset-past-end`, `truncated-data` or `dims-inconsistent`.
 */
export async function seekToFrames(
  source: ByteSource,
  header: NiftiHeader,
  firstFrame: number,
  frameCount: number,
): Promise<void> {
  const frameBytes = header.frameVoxels * header.bytesPerVoxel;
  const dataStart = header.voxOffset + firstFrame * frameBytes;
  const needed = dataStart + frameCount * frameBytes;
  const shape = header.shape.join('×');
  if (!source.compressed) {
    if (header.voxOffset >= source.maxBytes) {
      throw new NiftiError({
        code: 'vox-offset-past-end',
        field: 'vox_offset',
        value: header.voxOffset,
        message: `vox_offset must be inside the file (${source.maxBytes} bytes); got ${header.voxOffset}`,
      });
    }
    if (needed > source.maxBytes) {
      throw new NiftiError({
        code: 'truncated-data',
        offset: source.maxBytes,
        value: source.maxBytes,
        message: `the file must hold ${needed} bytes (vox_offset ${header.voxOffset} + ${shape} ${header.datatype}); it has ${source.maxBytes}: truncated, or dim is wrong`,
      });
    }
  } else if (needed > source.maxBytes) {
    throw new NiftiError({
      code: 'dims-inconsistent',
      field: 'dim',
      value: header.shape,
      message: `dim ${shape} ${header.datatype} needs ${needed} bytes, more than this gzip file can inflate to (≤ ${source.maxBytes})`,
    });
  }
  const skip = dataStart - header.headerBytes;
  const skipped = await source.skip(skip);
  if (skipped < header.voxOffset - header.headerBytes) {
    throw new NiftiError({
      code: 'vox-offset-past-end',
      field: 'vox_offset',
      value: header.voxOffset,
      message: `vox_offset must be inside the file (${header.headerBytes + skipped} bytes uncompressed); got ${header.voxOffset}`,
    });
  }
  if (skipped < skip) throw truncatedData(header, header.headerBytes + skipped, needed);
}

/** The error for a stream that ended before the data the header describes. */
export function truncatedData(header: NiftiHeader, got: number, needed: number): NiftiError {
  return new NiftiError({
    code: 'truncated-data',
    offset: got,
    value: got,
    message: `the file must hold ${needed} bytes (vox_offset ${header.voxOffset} + ${header.shape.join('×')} ${header.datatype}); it ends after ${got}: truncated, or dim is wrong`,
  });
}
