import type { TensorExtent } from './tensor-extent';
import type { StorageRef, TensorRef } from './unpickler';

/** Bytes per element of each storage type. */
export const STORAGE_ITEM_BYTES: Record<StorageRef['dtype'], number> = {
  float32: 4,
  float16: 2,
  float64: 8,
  int64: 8,
};

/** Bytes per element once read: floating point becomes float32, int64 stays int64. */
export function readItemBytes(dtype: StorageRef['dtype']): number {
  return dtype === 'int64' ? 8 : 4;
}

/** IEEE half → number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies a tensor out of its storage bytes (little-endian) into a row-major array: float32
 * for floating-point storages, BigInt64Array for int64. The extent must come from
 * `tensorExtent`, which has checked every index against the storage.
 * @example
 * const data = materialiseTensor(tensor, extent, storageBytes);
 */
export function materialiseTensor(
  tensor: TensorRef,
  extent: TensorExtent,
  storage: Uint8Array,
): Float32Array | BigInt64Array {
  const { dtype } = tensor.storage;
  const itemBytes = STORAGE_ITEM_BYTES[dtype];
  const { count } = extent;
  if (extent.contiguous && dtype === 'float32' && LITTLE_ENDIAN_HOST) {
    const data = new Float32Array(count);
    const start = tensor.offset * itemBytes;
    new Uint8Array(data.buffer).set(storage.subarray(start, start + count * itemBytes));
    return data;
  }
  const view = new DataView(storage.buffer, storage.byteOffset, storage.byteLength);
  const data = dtype === 'int64' ? new BigInt64Array(count) : new Float32Array(count);
  const { shape, stride } = tensor;
  const index = new Array<number>(shape.length).fill(0);
  let element = tensor.offset;
  for (let flat = 0; flat < count; flat += 1) {
    const byte = element * itemBytes;
    if (dtype === 'int64') (data as BigInt64Array)[flat] = view.getBigInt64(byte, true);
    else if (dtype === 'float32') (data as Float32Array)[flat] = view.getFloat32(byte, true);
    else if (dtype === 'float64') (data as Float32Array)[flat] = view.getFloat64(byte, true);
    else (data as Float32Array)[flat] = halfToFloat(view.getUint16(byte, true));
    for (let axis = index.length - 1; axis >= 0; axis -= 1) {
      index[axis]! += 1;
      element += stride[axis]!;
      if (index[axis]! < shape[axis]!) break;
      element -= index[axis]! * stride[axis]!;
      index[axis] = 0;
    }
  }
  return data;
}
