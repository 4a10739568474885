import { DenseNetError } from '../errors/densenet-error';
import type { StateDictEntry } from './infer-architecture';
import { type PickleValue, type StorageRef, type TensorRef, unpickle } from './unpickler';
import { readZipEntries, readZipEntry, type ZipEntry } from './zip-reader';

/** A tensor read from a `.pth`: floats as float32 (half/double converted), int64 as BigInt64Array. */
export interface TorchTensor extends StateDictEntry {
  /** The storage type it was saved with. */
  dtype: StorageRef['dtype'];
}

const ITEM_BYTES: Record<StorageRef['dtype'], number> = {
  float32: 4,
  float16: 2,
  float64: 8,
  int64: 8,
};

/** IEEE half → number. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function isTensor(value: PickleValue): value is TensorRef {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor'
  );
}

function tensorMap(value: PickleValue): Map<string, TensorRef> | undefined {
  if (!(value instanceof Map) || value.size === 0) return undefined;
  const result = new Map<string, TensorRef>();
  for (const [key, item] of value) {
    if (typeof key !== 'string' || !isTensor(item)) return undefined;
    result.set(key, item);
  }
  return result;
}

/** The state_dict inside what was saved: the top-level dict, or `state_dict`/`model_state_dict`/`model` in it. */
function findStateDict(root: PickleValue, file: string): Map<string, TensorRef> {
  const direct = tensorMap(root);
  if (direct !== undefined) return direct;
  if (root instanceof Map) {
    for (const key of ['state_dict', 'model_state_dict', 'model']) {
      const nested = tensorMap(root.get(key) ?? null);
      if (nested !== undefined) return nested;
    }
  }
  throw new DenseNetError({
    code: 'torch-format',
    file,
    message:
      'must hold a state_dict (a dict of tensor names to tensors, or one under state_dict/model_state_dict/model), got something else',
  });
}

function materialise(
  tensor: TensorRef,
  storage: Uint8Array,
  name: string,
  file: string,
): TorchTensor {
  const { dtype } = tensor.storage;
  const itemBytes = ITEM_BYTES[dtype];
  if (storage.length < tensor.storage.numel * itemBytes) {
    throw new DenseNetError({
      code: 'torch-truncated',
      file,
      message: `is truncated: the storage of '${name}' has ${storage.length} bytes, needs ${tensor.storage.numel * itemBytes}`,
      key: name,
    });
  }
  const count = tensor.shape.reduce((product, size) => product * size, 1);
  let last = tensor.offset;
  tensor.shape.forEach((size, axis) => {
    if (size > 0) last += (size - 1) * tensor.stride[axis]!;
  });
  if (
    count > 0 &&
    (tensor.offset < 0 ||
      last >= tensor.storage.numel ||
      tensor.stride.length !== tensor.shape.length)
  ) {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `tensor '${name}' (shape [${tensor.shape}], stride [${tensor.stride}], offset ${tensor.offset}) reaches outside its storage of ${tensor.storage.numel}`,
      key: name,
    });
  }
  const view = new DataView(storage.buffer, storage.byteOffset, storage.byteLength);
  const data = dtype === 'int64' ? new BigInt64Array(count) : new Float32Array(count);
  const index = new Array<number>(tensor.shape.length).fill(0);
  for (let flat = 0; flat < count; flat += 1) {
    let element = tensor.offset;
    for (let axis = 0; axis < index.length; axis += 1)
      element += index[axis]! * tensor.stride[axis]!;
    const byte = element * itemBytes;
    if (dtype === 'int64') (data as BigInt64Array)[flat] = view.getBigInt64(byte, true);
    else if (dtype === 'float32') (data as Float32Array)[flat] = view.getFloat32(byte, true);
    else if (dtype === 'float64') (data as Float32Array)[flat] = view.getFloat64(byte, true);
    else (data as Float32Array)[flat] = halfToFloat(view.getUint16(byte, true));
    for (let axis = index.length - 1; axis >= 0; axis -= 1) {
      index[axis]! += 1;
      if (index[axis]! < tensor.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return { dtype, shape: tensor.shape, data };
}

/**
 * Reads a PyTorch `torch.save` file (zip archive: `<name>/data.pkl` + `<name>/data/<key>`
 * storages) holding a state_dict, safely: the pickle goes through a restricted unpickler
 * that can only build dicts, tensors and storages, so a `.pth` can never run code or make
 * this reader touch anything but its own bytes.
 * @param bytes - the whole file.
 * @param file - named in errors.
 * @returns state_dict keys → tensors (PyTorch layout, row-major), in the file's order.
 * @throws DenseNetError `unsafe-pickle` (a global outside the allow-list, named),
 * `torch-truncated` (file cut short or damaged), `torch-format` (not a state_dict).
 * @example
 * const stateDict = readPth(new Uint8Array(await readFile('model.pth')), 'model.pth');
 */
export function readPth(bytes: Uint8Array, file: string): Map<string, TorchTensor> {
  const entries = readZipEntries(bytes, file);
  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `a torch.save archive holds one '<name>/data.pkl', found ${pickles.length}`,
    });
  }
  const archive = pickles[0]!.slice(0, -'/data.pkl'.length);
  const byteOrder = entries.get(`${archive}/byteorder`);
  if (byteOrder !== undefined) {
    const order = new TextDecoder().decode(readZipEntry(bytes, byteOrder, file)).trim();
    if (order !== 'little')
      throw new DenseNetError({
        code: 'torch-format',
        file,
        message: `storages must be little-endian, got '${order}'`,
        value: order,
      });
  }
  const stateDict = findStateDict(
    unpickle(readZipEntry(bytes, entries.get(pickles[0]!)!, file), file),
    file,
  );
  const storages = new Map<string, Uint8Array>();
  const result = new Map<string, TorchTensor>();
  for (const [name, tensor] of stateDict) {
    const key = tensor.storage.key;
    let storage = storages.get(key);
    if (storage === undefined) {
      const entry: ZipEntry | undefined = entries.get(`${archive}/data/${key}`);
      if (entry === undefined) {
        throw new DenseNetError({
          code: 'torch-truncated',
          file,
          message: `is truncated or damaged: the storage '${archive}/data/${key}' of '${name}' is missing`,
          key: name,
        });
      }
      storage = readZipEntry(bytes, entry, file);
      storages.set(key, storage);
    }
    result.set(name, materialise(tensor, storage, name, file));
  }
  return result;
}
