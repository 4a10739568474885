import type { TorchStorageDtype } from '../torch/unpickler';
import { type ZipWriterEntry, zipArchive } from './zip-writer';

/** One tensor of a crafted state_dict, as `_rebuild_tensor_v2` would describe it. */
export interface PthTensor {
  /** The storage key (`archive/data/<key>`). */
  storage: string;
  dtype?: TorchStorageDtype;
  /** The storage's element count, as the persistent id declares it. */
  numel: number;
  offset?: number;
  shape: readonly number[];
  /** Default: row-major contiguous. */
  stride?: readonly number[];
}

const STORAGE_CLASS: Record<TorchStorageDtype, string> = {
  float32: 'FloatStorage',
  float16: 'HalfStorage',
  float64: 'DoubleStorage',
  int64: 'LongStorage',
};

function contiguousStride(shape: readonly number[]): number[] {
  const stride = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis -= 1)
    stride[axis] = stride[axis + 1]! * Math.max(1, shape[axis + 1]!);
  return stride;
}

/** Pickle protocol 2 bytes of a state_dict (a plain dict of `_rebuild_tensor_v2` calls). */
export function stateDictPickle(tensors: Readonly<Record<string, PthTensor>>): Uint8Array {
  const bytes: number[] = [];
  const text = (value: string) => {
    for (const char of value) bytes.push(char.charCodeAt(0));
  };
  const unicode = (value: string) => {
    const encoded = new TextEncoder().encode(value);
    bytes.push(0x58, ...new Uint8Array(new Uint32Array([encoded.length]).buffer), ...encoded);
  };
  const integer = (value: number) => {
    if (value >= -(2 ** 31) && value < 2 ** 31) {
      bytes.push(0x4a, ...new Uint8Array(new Int32Array([value]).buffer));
      return;
    }
    const long = new Uint8Array(new BigInt64Array([BigInt(value)]).buffer);
    bytes.push(0x8a, 8, ...long);
  };
  const tuple = (values: readonly number[]) => {
    bytes.push(0x28);
    for (const value of values) integer(value);
    bytes.push(0x74);
  };
  bytes.push(0x80, 2, 0x7d, 0x28);
  for (const [name, tensor] of Object.entries(tensors)) {
    unicode(name);
    text('ctorch._utils\n_rebuild_tensor_v2\n');
    bytes.push(0x28, 0x28);
    unicode('storage');
    text(`ctorch\n${STORAGE_CLASS[tensor.dtype ?? 'float32']}\n`);
    unicode(tensor.storage);
    unicode('cpu');
    integer(tensor.numel);
    bytes.push(0x74, 0x51);
    integer(tensor.offset ?? 0);
    tuple(tensor.shape);
    tuple(tensor.stride ?? contiguousStride(tensor.shape));
    bytes.push(0x89, 0x74, 0x52);
  }
  bytes.push(0x75, 0x2e);
  return Uint8Array.from(bytes);
}

/** Options of {@link pthFile}: how each storage entry is written. */
export interface PthFileOptions {
  /** Storage keys written deflated (default: all stored, as torch.save does). */
  deflate?: readonly string[];
  /** Storage key → a ready-made raw deflate stream written as its data. */
  deflated?: Readonly<Record<string, Uint8Array>>;
  /** Storage key → the uncompressed size its zip headers declare. */
  declaredSize?: Readonly<Record<string, number>>;
  /** A `data.pkl` written instead of the tensors' pickle. */
  pickle?: Uint8Array;
}

/**
 * A `torch.save`-style zip archive (`archive/data.pkl`, `archive/data/<key>`) holding the
 * given tensors and storage bytes: to craft valid and hostile `.pth` files in tests.
 * @example
 * pthFile({ w: { storage: '0', numel: 1, shape: [2 ** 30], stride: [0] } }, { 0: new Uint8Array(4) });
 */
export function pthFile(
  tensors: Readonly<Record<string, PthTensor>>,
  storages: Readonly<Record<string, Uint8Array>>,
  options: PthFileOptions = {},
): Uint8Array {
  const entries: ZipWriterEntry[] = [
    { name: 'archive/data.pkl', data: options.pickle ?? stateDictPickle(tensors) },
    { name: 'archive/byteorder', data: new TextEncoder().encode('little') },
  ];
  const keys = new Set([...Object.keys(storages), ...Object.keys(options.deflated ?? {})]);
  for (const key of keys) {
    const data = storages[key] ?? new Uint8Array(0);
    entries.push({
      name: `archive/data/${key}`,
      data,
      method: options.deflate?.includes(key) ? 8 : 0,
      deflated: options.deflated?.[key],
      declaredSize: options.declaredSize?.[key],
    });
  }
  return zipArchive(entries);
}
