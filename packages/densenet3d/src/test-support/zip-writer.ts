import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../torch/zip-reader';

/** One entry of a crafted zip archive. */
export interface ZipWriterEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored (default) or 8 deflated. */
  method?: 0 | 8;
  /** A ready-made raw deflate stream written as the data (method 8; `data` is then only for the CRC). */
  deflated?: Uint8Array;
  /** The uncompressed size written in the headers (default: the true one). */
  declaredSize?: number;
  /** The compressed size written in the headers (default: the true one). */
  declaredCompressedSize?: number;
}

/** A minimal zip writer to craft `.pth` archives in tests, declared sizes overridable. */
export function zipArchive(entries: readonly ZipWriterEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { name, data } = entry;
    const method = entry.deflated === undefined ? (entry.method ?? 0) : 8;
    const body = entry.deflated ?? (method === 8 ? new Uint8Array(deflateRawSync(data)) : data);
    const size = entry.declaredSize ?? data.length;
    const compressed = entry.declaredCompressedSize ?? body.length;
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}

/**
 * A raw deflate stream of `count` zero bytes (a multiple of 16 MiB), built from one flushed
 * 16 MiB block repeated: about 1 KiB per MiB, never inflated here.
 */
export function deflatedZeros(count: number): Uint8Array {
  const piece = 16 * 1024 ** 2;
  if (count % piece !== 0) throw new RangeError(`count must be a multiple of ${piece}`);
  const block = deflateRawSync(Buffer.alloc(piece), {
    level: 9,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const final = deflateRawSync(Buffer.alloc(0));
  const out = new Uint8Array((count / piece) * block.length + final.length);
  for (let index = 0; index < count / piece; index += 1) out.set(block, index * block.length);
  out.set(final, out.length - final.length);
  return out;
}

/** A minimal zip writer (stored entries) to craft `.pth` archives in tests. */
export function zipStored(files: Record<string, Uint8Array>): Uint8Array {
  return zipArchive(Object.entries(files).map(([name, data]) => ({ name, data })));
}

/** Pickle bytes from a mix of opcodes (numbers) and text (latin-1). */
export function pickleBytes(...parts: Array<number | string>): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else for (const char of part) bytes.push(char.charCodeAt(0));
  }
  return Uint8Array.from(bytes);
}
