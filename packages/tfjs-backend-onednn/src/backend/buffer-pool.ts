/**
 * Recycles the Float32Arrays native kernels write their outputs into.
 *
 * tfjs-backend-cpu storage frees a tensor's array only when V8 collects it, so a training
 * step that allocates gigabytes of activations pays for fresh pages and for garbage
 * collections forced by "external memory pressure". The pool hands a disposed tensor's
 * array to the next kernel that needs one of the same length instead — but only when
 * nothing else can still see it:
 * - it was allocated by the pool (`take`),
 * - no live tensor data refers to its buffer (`retain`/`release` count tensors, including
 *   zero-copy views such as tfjs-backend-cpu's contiguous slices),
 * - its values were never handed out (`expose`: `dataSync()`, `data()`, `bufferSync()`
 *   return the stored array itself, which user code may keep after disposing the tensor).
 */
export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  private readonly owned = new WeakSet<ArrayBufferLike>();
  private readonly users = new WeakMap<ArrayBufferLike, number>();
  private readonly exposed = new WeakSet<ArrayBufferLike>();
  private pooledBytes = 0;
  /** Arrays handed out from the pool / newly allocated / not kept because the pool was full. */
  readonly stats = { recycled: 0, allocated: 0, allocatedBytes: 0, dropped: 0 };

  /** @param capacityBytes - the most bytes kept for reuse (0 disables the pool). */
  constructor(readonly capacityBytes: number) {}

  /** Bytes currently held for reuse. */
  get bytes(): number {
    return this.pooledBytes;
  }

  /** An array of `length` elements (recycled when one is free), not zeroed when recycled. */
  take(length: number): Float32Array {
    const list = this.free.get(length);
    const recycled = list?.pop();
    if (recycled !== undefined) {
      this.pooledBytes -= recycled.byteLength;
      this.stats.recycled++;
      return recycled;
    }
    const fresh = new Float32Array(length);
    this.stats.allocated++;
    this.stats.allocatedBytes += fresh.byteLength;
    if (this.capacityBytes > 0) this.owned.add(fresh.buffer);
    return fresh;
  }

  /** A tensor now stores `values` (or a view of its buffer). */
  retain(values: unknown): void {
    const buffer = bufferOf(values);
    if (buffer === undefined || !this.owned.has(buffer)) return;
    this.users.set(buffer, (this.users.get(buffer) ?? 0) + 1);
  }

  /** A tensor storing `values` was deleted; recycles the buffer when it was the last user. */
  release(values: unknown): void {
    const buffer = bufferOf(values);
    if (buffer === undefined || !this.owned.has(buffer)) return;
    const left = (this.users.get(buffer) ?? 1) - 1;
    this.users.set(buffer, left);
    if (left > 0 || this.exposed.has(buffer)) return;
    if (this.pooledBytes + buffer.byteLength > this.capacityBytes) {
      this.stats.dropped++;
      return;
    }
    const array = new Float32Array(buffer);
    const list = this.free.get(array.length);
    if (list === undefined) this.free.set(array.length, [array]);
    else list.push(array);
    this.pooledBytes += buffer.byteLength;
  }

  /** `values` were handed to user code: never recycle their buffer. */
  expose(values: unknown): void {
    const buffer = bufferOf(values);
    if (buffer !== undefined) this.exposed.add(buffer);
  }

  /** Drops every pooled array (V8 frees them). */
  clear(): void {
    this.free.clear();
    this.pooledBytes = 0;
  }
}

function bufferOf(values: unknown): ArrayBufferLike | undefined {
  return values instanceof Float32Array ? values.buffer : undefined;
}
