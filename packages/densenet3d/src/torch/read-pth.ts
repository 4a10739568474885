import { DenseNetError } from '../errors/densenet-error';
import type { StateDictEntry } from './infer-architecture';
import { materialiseTensor, readItemBytes, STORAGE_ITEM_BYTES } from './materialise-tensor';
import { shownName } from './shown-name';
import { type TensorExtent, tensorExtent } from './tensor-extent';
import { type PickleValue, type StorageRef, type TensorRef, unpickle } from './unpickler';
import { readZipEntries, readZipEntry, type ZipEntry } from './zip-reader';

/** The default bounds of {@link readPth}. */
export const PTH_LIMITS = {
  /** The tensors once read (float32, or int64), all together: 2 GiB (a 3D DenseNet264 takes ~0.3 GiB). */
  tensorBytes: 2 * 1024 ** 3,
  /** `data.pkl` (a state_dict's pickle is well under 1 MiB). */
  pickleBytes: 16 * 1024 ** 2,
} as const;

/** Bounds for {@link readPth}; a file past one is refused before anything is allocated for it. */
export interface ReadPthOptions {
  /**
   * Most bytes the tensors may take once read, all together, plus the inflated size of any
   * compressed storage (default {@link PTH_LIMITS}`.tensorBytes`).
   */
  maxTensorBytes?: number;
  /** Most bytes `data.pkl` may inflate to (default {@link PTH_LIMITS}`.pickleBytes`). */
  maxPickleBytes?: number;
}

/** A tensor read from a `.pth`: floats as float32 (half/double converted), int64 as BigInt64Array. */
export interface TorchTensor extends StateDictEntry {
  /** The storage type it was saved with. */
  dtype: StorageRef['dtype'];
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

/** One tensor to read, checked against its storage's zip entry before anything is read. */
interface PlannedTensor {
  name: string;
  tensor: TensorRef;
  extent: TensorExtent;
  entry: ZipEntry;
}

/**
 * Checks every tensor of the state_dict against its storage and the storage against its zip
 * entry, and the total against the bound: all before a byte of tensor data is read or
 * allocated.
 */
function planTensors(
  stateDict: Map<string, TensorRef>,
  entries: ReadonlyMap<string, ZipEntry>,
  archive: string,
  file: string,
  maxTensorBytes: number,
): PlannedTensor[] {
  const planned: PlannedTensor[] = [];
  const inflated = new Set<string>();
  let total = 0;
  for (const [name, tensor] of stateDict) {
    const { key, numel, dtype } = tensor.storage;
    const entry = entries.get(`${archive}/data/${key}`);
    if (entry === undefined) {
      throw new DenseNetError({
        code: 'torch-truncated',
        file,
        message: `is truncated or damaged: the storage ${shownName(`${archive}/data/${key}`)} of ${shownName(name)} is missing`,
        key: name,
      });
    }
    const extent = tensorExtent(tensor, name, file);
    const declared = numel * STORAGE_ITEM_BYTES[dtype];
    if (declared > entry.uncompressedSize) {
      throw new DenseNetError({
        code: 'torch-truncated',
        file,
        message: `is truncated: the storage of ${shownName(name)} has ${entry.uncompressedSize} bytes, needs ${declared} (${numel} × ${dtype})`,
        key: name,
      });
    }
    if (entry.method !== 0 && entry.uncompressedSize !== declared) {
      throw new DenseNetError({
        code: 'torch-truncated',
        file,
        message: `is truncated or damaged: the compressed storage of ${shownName(name)} must inflate to ${declared} bytes (${numel} × ${dtype}), its zip entry declares ${entry.uncompressedSize}`,
        key: name,
      });
    }
    // A compressed storage is inflated into memory before its tensors are read: it counts too.
    if (entry.method !== 0 && !inflated.has(key)) {
      inflated.add(key);
      total += declared;
    }
    total += extent.count * readItemBytes(dtype);
    if (total > maxTensorBytes) {
      throw new DenseNetError({
        code: 'torch-format',
        file,
        message: `the tensors must take at most ${maxTensorBytes} bytes once read (compressed storages counted once more), all together; ${shownName(name)} (shape [${tensor.shape}]) brings them to ${total}`,
        key: name,
        value: String(total),
      });
    }
    planned.push({ name, tensor, extent, entry });
  }
  return planned;
}

/**
 * Reads a PyTorch `torch.save` file (zip archive: `<name>/data.pkl` + `<name>/data/<key>`
 * storages) holding a state_dict, safely: the pickle goes through a restricted unpickler
 * that can only build dicts, tensors and storages, so a `.pth` can never run code or make
 * this reader touch anything but its own bytes. Every size is checked before it is allocated:
 * zip entries against the file (inflating stops at the declared size), `data.pkl` against
 * `maxPickleBytes`, each tensor's shape, stride and offset against its storage (no repeated
 * elements), each storage against its entry, and all tensors together against
 * `maxTensorBytes`.
 * @param bytes - the whole file.
 * @param file - named in errors.
 * @param options - bounds, see {@link ReadPthOptions}.
 * @returns state_dict keys → tensors (PyTorch layout, row-major), in the file's order.
 * @throws DenseNetError `unsafe-pickle` (a global outside the allow-list, named),
 * `torch-truncated` (file cut short or damaged, a declared size past the file),
 * `torch-format` (not a state_dict, a tensor outside its storage, a bound exceeded), naming
 * the file and, where there is one, the state_dict key.
 * @example
 * const stateDict = readPth(new Uint8Array(await readFile('model.pth')), 'model.pth');
 */
export function readPth(
  bytes: Uint8Array,
  file: string,
  options: ReadPthOptions = {},
): Map<string, TorchTensor> {
  const maxTensorBytes = options.maxTensorBytes ?? PTH_LIMITS.tensorBytes;
  const maxPickleBytes = options.maxPickleBytes ?? PTH_LIMITS.pickleBytes;
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
    if (byteOrder.uncompressedSize > 16) {
      throw new DenseNetError({
        code: 'torch-format',
        file,
        message: `'${archive}/byteorder' must say 'little', got ${byteOrder.uncompressedSize} bytes`,
      });
    }
    const order = new TextDecoder().decode(readZipEntry(bytes, byteOrder, file)).trim();
    if (order !== 'little')
      throw new DenseNetError({
        code: 'torch-format',
        file,
        message: `storages must be little-endian, got '${order}'`,
        value: order,
      });
  }
  const pickle = entries.get(pickles[0]!)!;
  if (pickle.uncompressedSize > maxPickleBytes) {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `${shownName(pickles[0]!)} must be at most ${maxPickleBytes} bytes (a state_dict's pickle is far smaller), got ${pickle.uncompressedSize}`,
      value: String(pickle.uncompressedSize),
    });
  }
  const stateDict = findStateDict(unpickle(readZipEntry(bytes, pickle, file), file), file);
  const planned = planTensors(stateDict, entries, archive, file, maxTensorBytes);
  const usesLeft = new Map<string, number>();
  for (const { tensor } of planned)
    usesLeft.set(tensor.storage.key, (usesLeft.get(tensor.storage.key) ?? 0) + 1);
  const storages = new Map<string, Uint8Array>();
  const result = new Map<string, TorchTensor>();
  for (const { name, tensor, extent, entry } of planned) {
    const key = tensor.storage.key;
    let storage = storages.get(key);
    if (storage === undefined) {
      storage = readZipEntry(bytes, entry, file);
      storages.set(key, storage);
    }
    const data = materialiseTensor(tensor, extent, storage);
    result.set(name, { dtype: tensor.storage.dtype, shape: tensor.shape, data });
    const left = usesLeft.get(key)! - 1;
    usesLeft.set(key, left);
    // An inflated storage is let go once its last tensor is read.
    if (left === 0) storages.delete(key);
  }
  return result;
}
