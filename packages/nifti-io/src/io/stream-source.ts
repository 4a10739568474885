import { NiftiError } from '../errors/nifti-error';
import { isGzip } from '../gzip';
import type { ByteSource } from './byte-source';
import { ChunkedSource } from './chunked-source';

/** The most a deflate stream can expand (1032:1), plus slack for tiny streams. */
const MAX_INFLATE_RATIO = 1032;
const INFLATE_SLACK = 1 << 16;

/**
 * A {@link ByteSource} over a web `ReadableStream` of bytes — a `Blob`'s stream, inflated by the
 * platform's `DecompressionStream('gzip')` when compressed. Browser-safe (no `node:` import);
 * Node ≥ 18 has the same globals.
 */
class StreamSource extends ChunkedSource {
  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    override readonly compressed: boolean,
    override readonly maxBytes: number,
  ) {
    super();
  }

  protected override async pull(): Promise<Uint8Array | null> {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await this.reader.read();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new NiftiError(
        this.compressed
          ? {
              code: 'corrupt-gzip',
              message: `gzip data must inflate; DecompressionStream says: ${detail}`,
              cause: error,
            }
          : { code: 'io', message: `the file must be readable; ${detail}`, cause: error },
      );
    }
    return result.done ? null : result.value;
  }

  protected override async release(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/**
 * Opens in-memory bytes or a `Blob` (a browser `File`) as a {@link ByteSource}; gzip is detected
 * by the magic bytes `1f 8b`, never by name, and inflated as a stream with `DecompressionStream`.
 */
export async function openStreamSource(source: Uint8Array | Blob): Promise<ByteSource> {
  const blob =
    source instanceof Uint8Array ? new Blob([source as Uint8Array<ArrayBuffer>]) : source;
  const magic = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const compressed = isGzip(magic);
  const bytes = blob.stream() as ReadableStream<Uint8Array>;
  const stream = compressed
    ? bytes.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      )
    : bytes;
  const maxBytes = compressed ? blob.size * MAX_INFLATE_RATIO + INFLATE_SLACK : blob.size;
  return new StreamSource(stream.getReader(), compressed, maxBytes);
}
