import { totalmem } from 'node:os';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { backend_util, DataId, DataType } from '@tensorflow/tfjs-core';
import type { OneDnnAddon } from '../addon/addon-types';
import { BufferPool } from './buffer-pool';

const MB = 1024 * 1024;

/**
 * The pool capacity: `CTF_ONEDNN_POOL_MB` (0 disables recycling), by default a quarter of the
 * machine's memory but at least 2048 MB. The pool never holds more than was freed, so in
 * training it settles at the step's peak: a smaller cap only makes every step allocate
 * (and collect) again.
 */
function poolCapacityBytes(): number {
  const fromEnv = Number(process.env.CTF_ONEDNN_POOL_MB);
  return Number.isFinite(fromEnv) &&
    fromEnv >= 0 &&
    process.env.CTF_ONEDNN_POOL_MB !== '' &&
    process.env.CTF_ONEDNN_POOL_MB !== undefined
    ? fromEnv * MB
    : Math.max(2048 * MB, Math.floor(totalmem() / 4));
}

/**
 * The `onednn` TensorFlow.js backend: tfjs-backend-cpu's storage (tensor data
 * are TypedArrays in `this.data`) and every cpu kernel, with the heavy kernels
 * replaced by native oneDNN ones. Kernels reach the addon through `native`.
 */
export class OneDnnBackend extends MathBackendCPU {
  /** The loaded native addon. */
  readonly native: OneDnnAddon;
  /** Recycled output arrays (see BufferPool for when an array may be reused). */
  readonly pool: BufferPool;

  constructor(native: OneDnnAddon) {
    super();
    this.native = native;
    this.pool = new BufferPool(poolCapacityBytes());
    // MathBackendCPU prints a "use tfjs-node" banner on first write: not for us.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /**
   * The Float32Array holding a float32 tensor's values (no copy), or
   * undefined when the tensor is stored otherwise (then kernels fall back).
   */
  float32(dataId: DataId): Float32Array | undefined {
    const values = this.data.get(dataId).values;
    return values instanceof Float32Array ? values : undefined;
  }

  /**
   * A float32 tensor's values when a kernel may overwrite them in place: one tensor holds the
   * data (refCount 1), no other tensor data shares its buffer and no array of it was handed
   * out (see BufferPool.exclusive); else undefined.
   */
  writableInPlace(dataId: DataId): Float32Array | undefined {
    if (!this.data.has(dataId) || this.refCount(dataId) !== 1) return undefined;
    const values = this.data.get(dataId).values;
    return values instanceof Float32Array && this.pool.exclusive(values) ? values : undefined;
  }

  /**
   * A float32 buffer of `length` elements for a kernel to fill completely: recycled from
   * a disposed tensor when possible (its old values are still there), else new.
   */
  allocate(length: number): Float32Array {
    return this.pool.take(length);
  }

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    const dataId = super.write(values, shape, dtype);
    this.pool.retain(values);
    return dataId;
  }

  override move(
    dataId: DataId,
    values: backend_util.BackendValues,
    shape: number[],
    dtype: DataType,
    refCount: number,
  ): void {
    const previous = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    super.move(dataId, values, shape, dtype, refCount);
    this.pool.retain(values);
    if (previous !== undefined) this.pool.release(previous);
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const released = super.disposeData(dataId, force);
    if (values !== undefined && !this.data.has(dataId)) this.pool.release(values);
    return released;
  }

  override readSync(dataId: DataId): backend_util.BackendValues {
    if (this.data.has(dataId)) this.pool.expose(this.data.get(dataId).values);
    return super.readSync(dataId);
  }

  override dispose(): void {
    this.pool.clear();
    super.dispose();
  }
}
