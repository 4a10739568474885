import { type FileHandle, open } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { NiftiError } from '../errors/nifti-error';
import { isGzip } from '../gzip';
import { ChunkedSource } from './chunked-source';

/** The most a deflate stream can expand (1032:1), plus slack for tiny streams. */
const MAX_INFLATE_RATIO = 1032;
const INFLATE_SLACK = 1 << 16;
const CHUNK_BYTES = 1 << 20;

/**
 * The uncompressed bytes of a NIfTI file, read front to back (gzip detected by magic bytes).
 * `read` fills a caller's buffer, so large data are inflated straight into their final place.
 */
export interface ByteSource {
  readonly compressed: boolean;
  /** An upper bound of the uncompressed size (exact when not compressed). */
  readonly maxBytes: number;
  /** Fills `target` from the current position; returns the bytes filled (fewer only at the end). */
  read(target: Uint8Array): Promise<number>;
  /** Skips `count` bytes; returns the number skipped (fewer only at the end). */
  skip(count: number): Promise<number>;
  /** Reads to the end, discarding, so that a corrupt gzip tail is noticed. */
  drain(): Promise<void>;
  /** Releases the file / inflater. Safe to call twice. */
  close(): Promise<void>;
}

function gzipError(error: unknown): NiftiError {
  if (NiftiError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new NiftiError({
    code: 'corrupt-gzip',
    message: `gzip data must inflate; zlib says: ${detail}`,
    cause: error,
  });
}

/** The inflated chunks of a gunzip stream, handed out in caller-sized pieces. */
class InflatedSource extends ChunkedSource {
  override readonly compressed = true;
  private readonly iterator: AsyncIterator<Buffer>;

  constructor(
    private readonly gunzip: Gunzip,
    override readonly maxBytes: number,
    private readonly onClose: () => Promise<void>,
  ) {
    super();
    // The iterator attaches its error listener only on the first `next()`; until then an
    // inflate error must not become an unhandled 'error' event.
    gunzip.on('error', () => undefined);
    this.iterator = gunzip[Symbol.asyncIterator]();
  }

  protected override async pull(): Promise<Uint8Array | null> {
    try {
      const result = await this.iterator.next();
      return result.done ? null : result.value;
    } catch (error) {
      throw gzipError(error);
    }
  }

  protected override async release(): Promise<void> {
    this.gunzip.destroy();
    await this.onClose();
  }
}

/** An uncompressed file read with positional reads straight into the caller's buffers. */
class FileSource implements ByteSource {
  readonly compressed = false;
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly maxBytes: number,
  ) {}

  async read(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      const { bytesRead } = await this.handle.read(
        target,
        filled,
        target.length - filled,
        this.position,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
      this.position += bytesRead;
    }
    return filled;
  }

  async skip(count: number): Promise<number> {
    const skipped = Math.max(0, Math.min(count, this.maxBytes - this.position));
    this.position += skipped;
    return skipped;
  }

  async drain(): Promise<void> {}

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Bytes already in memory, uncompressed. */
class MemorySource implements ByteSource {
  readonly compressed = false;
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get maxBytes(): number {
    return this.bytes.length;
  }

  async read(target: Uint8Array): Promise<number> {
    const take = Math.min(target.length, this.bytes.length - this.position);
    target.set(this.bytes.subarray(this.position, this.position + take));
    this.position += take;
    return take;
  }

  async skip(count: number): Promise<number> {
    const take = Math.max(0, Math.min(count, this.bytes.length - this.position));
    this.position += take;
    return take;
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}

function newGunzip(): Gunzip {
  return createGunzip({ chunkSize: CHUNK_BYTES });
}

function ioError(file: string, error: unknown): NiftiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new NiftiError({
    code: 'io',
    file,
    message: `the file must be readable; ${detail}`,
    cause: error,
  });
}

/**
 * Opens a NIfTI file or in-memory bytes as a {@link ByteSource}; gzip is detected by the
 * magic bytes `1f 8b`, never by name, and inflated with Node's zlib as a stream.
 * @throws {NiftiError} `io` when the file cannot be opened.
 */
export async function openByteSource(source: string | Uint8Array): Promise<ByteSource> {
  if (typeof source !== 'string') {
    if (!isGzip(source)) return new MemorySource(source);
    const gunzip = newGunzip();
    gunzip.end(source);
    const bound = source.length * MAX_INFLATE_RATIO + INFLATE_SLACK;
    return new InflatedSource(gunzip, bound, async () => undefined);
  }
  let handle: FileHandle;
  try {
    handle = await open(source, 'r');
  } catch (error) {
    throw ioError(source, error);
  }
  try {
    const { size } = await handle.stat();
    const magic = new Uint8Array(2);
    await handle.read(magic, 0, 2, 0);
    if (!isGzip(magic)) return new FileSource(handle, size);
    const stream = handle.createReadStream({
      start: 0,
      highWaterMark: CHUNK_BYTES,
      autoClose: false,
    });
    const gunzip = newGunzip();
    stream.on('error', (error) => gunzip.destroy(ioError(source, error)));
    stream.pipe(gunzip);
    return new InflatedSource(gunzip, size * MAX_INFLATE_RATIO + INFLATE_SLACK, async () => {
      stream.destroy();
      await handle.close().catch(() => undefined);
    });
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw ioError(source, error);
  }
}
