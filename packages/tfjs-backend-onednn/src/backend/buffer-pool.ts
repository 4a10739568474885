/**
 * Recycles the Float32Arrays native kernels write their outputs into.
 *
 * tfjs-backend-cpu storage frees a tensor's array only when V8 collects it, so a training
 * step that allocates gigabytes of activations pays for fresh pages and for garbage
 * collections forced by "external memory pressure" (V8 collects after every ~64 MB of new
 * ArrayBuffers). The pool hands a disposed tensor's buffer to the next kernel that needs one
 * of the same size class instead — but only when nothing else can still see it:
 * - it was allocated by the pool (`take`),
 * - no live tensor data refers to its buffer (`retain`/`release` count tensors, including
 *   zero-copy views such as tfjs-backend-cpu's contiguous slices),
 * - its values were never handed out (`expose`: `dataSync()`, `data()`, `bufferSync()`
 *   return the stored array itself, which user code may keep after disposing the tensor).
 *
 * Buffers come in size classes, eight per power of two (a request is rounded up by at most
 * 12.5 %), and `take` returns a view of exactly the requested length. A request takes the
 * smallest free buffer of its class or of a larger one up to twice its size (best fit), so
 * tensors whose sizes differ (a dense block's growing channel counts) share buffers: a
 * training step reaches a steady state where it allocates nothing, holding about 1.5× its
 * peak of live tensor memory (DenseNet121, 128³, batch 2: exact classes held 2.1×).
 */
export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  /** The classes (element counts) that have free buffers, ascending. */
  private readonly classes: number[] = [];
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

  /**
   * A Float32Array of exactly `length` elements (a view of a recycled buffer of its size
   * class when one is free, else of a new one); its values are arbitrary when recycled.
   */
  take(length: number): Float32Array {
    if (this.capacityBytes <= 0) {
      this.stats.allocated++;
      this.stats.allocatedBytes += length * 4;
      return new Float32Array(length);
    }
    const elements = sizeClass(length);
    const recycled = this.bestFit(elements);
    if (recycled !== undefined) {
      this.pooledBytes -= recycled.byteLength;
      this.stats.recycled++;
      return new Float32Array(recycled, 0, length);
    }
    const fresh = new ArrayBuffer(elements * 4);
    this.stats.allocated++;
    this.stats.allocatedBytes += fresh.byteLength;
    this.owned.add(fresh);
    return new Float32Array(fresh, 0, length);
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
    const elements = buffer.byteLength / 4;
    const list = this.free.get(elements);
    if (list === undefined || list.length === 0) {
      this.free.set(elements, [buffer as ArrayBuffer]);
      this.classes.splice(lowerBound(this.classes, elements), 0, elements);
    } else list.push(buffer as ArrayBuffer);
    this.pooledBytes += buffer.byteLength;
  }

  /** Removes and returns the smallest free buffer of `elements` up to twice that, if any. */
  private bestFit(elements: number): ArrayBuffer | undefined {
    const at = lowerBound(this.classes, elements);
    const found = this.classes[at];
    if (found === undefined || found > 2 * elements) return undefined;
    const list = this.free.get(found)!;
    const buffer = list.pop();
    if (list.length === 0) this.classes.splice(at, 1);
    return buffer;
  }

  /**
   * Returns a buffer `take` handed out that no tensor stores (a kernel's temporary): the next
   * `take` may hand it out again.
   */
  recycle(values: Float32Array): void {
    this.retain(values);
    this.release(values);
  }

  /**
   * Whether `values` may be overwritten in place by the one tensor storing them: a buffer the
   * pool handed out, stored by exactly one tensor's data, never handed to user code.
   */
  exclusive(values: unknown): boolean {
    const buffer = bufferOf(values);
    return (
      buffer !== undefined &&
      this.owned.has(buffer) &&
      this.users.get(buffer) === 1 &&
      !this.exposed.has(buffer)
    );
  }

  /** `values` were handed to user code: never recycle their buffer. */
  expose(values: unknown): void {
    const buffer = bufferOf(values);
    if (buffer !== undefined) this.exposed.add(buffer);
  }

  /** Drops every pooled buffer (V8 frees them). */
  clear(): void {
    this.free.clear();
    this.classes.length = 0;
    this.pooledBytes = 0;
  }
}

/**
 * The element count of the buffer a request for `length` elements gets: `length` rounded up
 * to one of eight steps per power of two (at most 12.5 % more), at least 16.
 * @example
 * sizeClass(1000); // 1024
 * sizeClass(1025); // 1152
 */
export function sizeClass(length: number): number {
  if (length <= 16) return 16;
  const step = 2 ** Math.floor(Math.log2(length)) / 8;
  return Math.ceil(length / step) * step;
}

/** The first index of the ascending `values` whose value is ≥ `target`. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bufferOf(values: unknown): ArrayBufferLike | undefined {
  return values instanceof Float32Array ? values.buffer : undefined;
}
