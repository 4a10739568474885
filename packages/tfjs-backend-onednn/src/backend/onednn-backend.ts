import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { DataId } from '@tensorflow/tfjs-core';
import type { OneDnnAddon } from '../addon/addon-types';

/** Outputs at least this many bytes are allocated without zero-filling (the kernel writes all of them). */
const UNSAFE_ALLOCATION_BYTES = 64 * 1024;

/**
 * The `onednn` TensorFlow.js backend: tfjs-backend-cpu's storage (tensor data
 * are TypedArrays in `this.data`) and every cpu kernel, with the heavy kernels
 * replaced by native oneDNN ones. Kernels reach the addon through `native`.
 */
export class OneDnnBackend extends MathBackendCPU {
  /** The loaded native addon. */
  readonly native: OneDnnAddon;

  constructor(native: OneDnnAddon) {
    super();
    this.native = native;
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
   * A new float32 buffer of `length` elements for a kernel to fill completely.
   * Large buffers are not zero-filled (the kernel overwrites every element).
   */
  allocate(length: number): Float32Array {
    if (length * 4 < UNSAFE_ALLOCATION_BYTES) return new Float32Array(length);
    const bytes = Buffer.allocUnsafeSlow(length * 4);
    return new Float32Array(bytes.buffer, bytes.byteOffset, length);
  }
}
