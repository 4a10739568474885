import type { ByteSource } from './byte-source';

/**
 * A {@link ByteSource} over a source that yields chunks (a gunzip stream in Node, a web
 * `ReadableStream` in the browser): the chunks are handed out in caller-sized pieces.
 * Browser-safe; subclasses supply `pull` and `release`.
 */
export abstract class ChunkedSource implements ByteSource {
  abstract readonly compressed: boolean;
  abstract readonly maxBytes: number;
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;

  /** The next chunk, or null at the end; a failure throws the source's own `NiftiError`. */
  protected abstract pull(): Promise<Uint8Array | null>;

  /** Releases the underlying stream. */
  protected abstract release(): Promise<void>;

  private async next(): Promise<boolean> {
    if (this.done) return false;
    let chunk: Uint8Array | null;
    try {
      chunk = await this.pull();
    } catch (error) {
      this.done = true;
      throw error;
    }
    if (chunk === null) {
      this.done = true;
      return false;
    }
    this.pending = chunk;
    return true;
  }

  async read(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.pending.length === 0 && !(await this.next())) break;
      const take = Math.min(this.pending.length, target.length - filled);
      target.set(this.pending.subarray(0, take), filled);
      this.pending = this.pending.subarray(take);
      filled += take;
    }
    return filled;
  }

  async skip(count: number): Promise<number> {
    let skipped = 0;
    while (skipped < count) {
      if (this.pending.length === 0 && !(await this.next())) break;
      const take = Math.min(this.pending.length, count - skipped);
      this.pending = this.pending.subarray(take);
      skipped += take;
    }
    return skipped;
  }

  async drain(): Promise<void> {
    this.pending = new Uint8Array(0);
    while (await this.next()) this.pending = new Uint8Array(0);
  }

  async close(): Promise<void> {
    this.done = true;
    await this.release();
  }
}
