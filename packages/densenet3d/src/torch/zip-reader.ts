import { inflateRawSync } from 'node:zlib';
import { DenseNetError } from '../errors/densenet-error';
import { shownName } from './shown-name';

/** One file of a zip archive, from its central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only methods read). */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function truncated(file: string, message: string): never {
  throw new DenseNetError({
    code: 'torch-truncated',
    file,
    message: `is truncated or damaged: ${message}`,
  });
}

function need(bytes: Uint8Array, offset: number, length: number, file: string, what: string): void {
  if (offset < 0 || offset + length > bytes.length) {
    truncated(
      file,
      `${what} needs bytes ${offset}–${offset + length}, the file has ${bytes.length}`,
    );
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (zip/PNG polynomial) of some bytes.
 * @example
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index += 1)
    crc = CRC_TABLE[(crc ^ bytes[index]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u64(view: DataView, offset: number, file: string): number {
  if (offset < 0 || offset + 8 > view.byteLength)
    truncated(
      file,
      `a zip64 field needs bytes ${offset}–${offset + 8}, the file has ${view.byteLength}`,
    );
  const value = view.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    truncated(file, `a zip64 field at byte ${offset} holds ${value}, past any file size`);
  return Number(value);
}

/** The most a deflate stream can expand: 1032 output bytes per input byte (RFC 1951's longest match per bit), plus slack for headers. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * An entry's declared sizes against the file, before anything is read or inflated: its data
 * must lie inside the file, a stored entry's sizes must agree, and a deflated entry may not
 * claim more than deflate can expand to.
 */
function checkDeclaredSizes(entry: ZipEntry, fileBytes: number, file: string): void {
  const { name, compressedSize, uncompressedSize, localHeaderOffset } = entry;
  if (localHeaderOffset + 30 + compressedSize > fileBytes) {
    truncated(
      file,
      `${shownName(name)} declares ${compressedSize} bytes of data at byte ${localHeaderOffset}, past the end of the ${fileBytes}-byte file`,
    );
  }
  if (entry.method === 0 && compressedSize !== uncompressedSize) {
    truncated(
      file,
      `${shownName(name)} is stored (not compressed) but declares ${compressedSize} bytes stored and ${uncompressedSize} bytes of contents`,
    );
  }
  if (entry.method === 8 && uncompressedSize > compressedSize * MAX_DEFLATE_RATIO + 1024) {
    truncated(
      file,
      `${shownName(name)} declares ${uncompressedSize} bytes inflated from ${compressedSize}, more than deflate can expand to (${MAX_DEFLATE_RATIO}×)`,
    );
  }
}

/**
 * Lists a zip archive's entries from its central directory (zip64 included). Each entry's
 * declared sizes are checked against the file before anything is read: its data lies inside
 * the file, a stored entry's two sizes agree, a deflated one claims no more than deflate can
 * expand to.
 * @param file - named in errors.
 * @throws DenseNetError `torch-truncated` when the directory is missing or cut short, or an
 * entry's declared sizes do not fit the file,
 * `torch-format` when the bytes are not a zip archive.
 * @example
 * [...readZipEntries(bytes, 'model.pth').keys()]; // ['archive/data.pkl', …]
 */
export function readZipEntries(bytes: Uint8Array, file: string): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (
    let offset = bytes.length - 22;
    offset >= Math.max(0, bytes.length - 22 - 65535);
    offset -= 1
  ) {
    if (view.getUint32(offset, true) === EOCD) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) {
    if (bytes.length >= 4 && view.getUint32(0, true) === LOCAL)
      truncated(file, 'the zip central directory (end of the file) is missing');
    if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1]! <= 5) {
      throw new DenseNetError({
        code: 'torch-format',
        file,
        message:
          'is a legacy (PyTorch < 1.6) torch.save file; re-save it with a newer PyTorch (the zip format is the default since 1.6)',
      });
    }
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: 'must be a torch.save zip archive (PK…), got other bytes',
    });
  }
  let count = view.getUint16(eocd + 10, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    need(bytes, locator, 20, file, 'the zip64 locator');
    if (view.getUint32(locator, true) !== ZIP64_LOCATOR)
      truncated(file, 'the zip64 locator is missing');
    const record = u64(view, locator + 8, file);
    need(bytes, record, 56, file, 'the zip64 directory record');
    if (view.getUint32(record, true) !== ZIP64_EOCD)
      truncated(file, 'the zip64 directory record is damaged');
    count = u64(view, record + 32, file);
    directoryOffset = u64(view, record + 48, file);
  }
  const entries = new Map<string, ZipEntry>();
  let offset = directoryOffset;
  const decoder = new TextDecoder();
  for (let index = 0; index < count; index += 1) {
    need(bytes, offset, 46, file, `zip directory entry ${index}`);
    if (view.getUint32(offset, true) !== CENTRAL)
      truncated(file, `zip directory entry ${index} has a bad signature`);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    need(
      bytes,
      offset + 46,
      nameLength + extraLength + commentLength,
      file,
      `zip directory entry ${index}`,
    );
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    let compressedSize = view.getUint32(offset + 20, true);
    let uncompressedSize = view.getUint32(offset + 24, true);
    let localHeaderOffset = view.getUint32(offset + 42, true);
    let extra = offset + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = view.getUint16(extra, true);
      const size = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(view, field, file);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(view, field, file);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(view, field, file);
      }
      extra += 4 + size;
    }
    const entry: ZipEntry = {
      name,
      method: view.getUint16(offset + 10, true),
      crc32: view.getUint32(offset + 16, true),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    };
    checkDeclaredSizes(entry, bytes.length, file);
    entries.set(name, entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The (inflated, CRC-checked) contents of one zip entry; inflating stops at the entry's
 * declared size.
 * @throws DenseNetError `torch-truncated` (cut short, bad CRC) or `torch-format` (unknown method).
 * @example
 * const pickle = readZipEntry(bytes, entries.get('archive/data.pkl')!, 'model.pth');
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  need(bytes, header, 30, file, `the local header of ${shownName(entry.name)}`);
  if (view.getUint32(header, true) !== LOCAL)
    truncated(file, `the local header of ${shownName(entry.name)} has a bad signature`);
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  need(bytes, start, entry.compressedSize, file, `the data of ${shownName(entry.name)}`);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      // Bounded by the declared size: a stream that inflates further is damaged, and is
      // stopped there rather than allowed to allocate what it likes. One output chunk of the
      // declared size (+1 to see the end) means no chunk list and no final copy: the peak is
      // the entry's size, not twice or three times it.
      const inflated = inflateRawSync(raw, {
        maxOutputLength: Math.max(1, entry.uncompressedSize),
        chunkSize: Math.max(64, entry.uncompressedSize + 1),
      });
      data = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch (error) {
      truncated(
        file,
        (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
          ? `${shownName(entry.name)} inflates to more than the ${entry.uncompressedSize} bytes it declares`
          : `${shownName(entry.name)} does not inflate (${(error as Error).message})`,
      );
    }
  } else {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `zip entry ${shownName(entry.name)} uses compression method ${entry.method}; only stored (0) and deflate (8) are read`,
      value: String(entry.method),
    });
  }
  if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) {
    truncated(file, `${shownName(entry.name)} fails its size/CRC check`);
  }
  return data;
}
