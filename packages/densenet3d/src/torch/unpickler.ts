import { quoteValue } from '@ct-fracture/core';
import { DenseNetError } from '../errors/densenet-error';
import { shownName } from './shown-name';

/** Storage element types a state_dict may use. */
export type TorchStorageDtype = 'float32' | 'float16' | 'float64' | 'int64';

/** A storage referenced by a persistent id: `data/<key>` in the archive. */
export interface StorageRef {
  kind: 'storage';
  dtype: TorchStorageDtype;
  key: string;
  location: string;
  numel: number;
}

/** A tensor as `torch._utils._rebuild_tensor_v2` describes it. */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  offset: number;
  shape: number[];
  stride: number[];
}

/** A callable or class the pickle may reference (the allow-list). */
interface AllowedGlobal {
  kind: 'global';
  name: string;
}

/** What an unpickled value can be. */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | Map<PickleValue, PickleValue>
  | TensorRef
  | StorageRef
  | AllowedGlobal;

/** A Python tuple (kept apart from lists so persistent ids and arguments are recognised). */
export interface PickleTuple {
  kind: 'tuple';
  items: PickleValue[];
}

const STORAGES: Record<string, TorchStorageDtype> = {
  'torch.FloatStorage': 'float32',
  'torch.HalfStorage': 'float16',
  'torch.DoubleStorage': 'float64',
  'torch.LongStorage': 'int64',
};

/** The only globals a state_dict pickle needs; anything else is refused. */
export const ALLOWED_GLOBALS: readonly string[] = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  ...Object.keys(STORAGES),
];

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

function isTuple(value: unknown): value is PickleTuple {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tuple'
  );
}

function integer(value: PickleValue, what: string, file: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  throw new DenseNetError({
    code: 'torch-format',
    file,
    message: `${what} must be an integer in the pickle, got ${typeof value === 'string' ? quoteValue(value) : String(value)}`,
  });
}

function integers(value: PickleValue, what: string, file: string): number[] {
  if (!isTuple(value))
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `${what} must be a tuple in the pickle`,
    });
  return value.items.map((item) => integer(item, what, file));
}

/**
 * The most values (dicts, lists, tuples, strings, floats, tensors) a state_dict pickle may
 * build: a 3D DenseNet264's state_dict builds about 17 000, with its optimiser state 39 000.
 */
export const MAX_PICKLE_VALUES = 250_000;

/**
 * A restricted unpickler for `torch.save` state_dicts (protocols 2–5): it understands
 * containers, scalars, strings, OrderedDict, `_rebuild_tensor_v2`, `_rebuild_parameter`
 * and storage persistent ids, and refuses any other global (`os.system`, `builtins.eval`,
 * …) before anything could be called — nothing is ever executed or read besides the bytes.
 * Work and memory are bounded: at most {@link MAX_PICKLE_VALUES} values are built.
 * @param file - named in errors.
 * @throws DenseNetError `unsafe-pickle` naming the refused global; `torch-truncated` when
 * the pickle ends early; `torch-format` for opcodes a state_dict never uses, or a pickle that
 * builds more values than any state_dict does.
 * @example
 * const root = unpickle(dataPkl, 'model.pth'); // Map of names → TensorRef
 */
export function unpickle(bytes: Uint8Array, file: string): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let position = 0;
  let values = 0;

  const fail = (message: string): never => {
    throw new DenseNetError({
      code: 'torch-format',
      file,
      message: `data.pkl byte ${position}: ${message}`,
    });
  };
  const take = (length: number): Uint8Array => {
    if (length < 0 || position + length > bytes.length) {
      throw new DenseNetError({
        code: 'torch-truncated',
        file,
        message: `is truncated: data.pkl ends at byte ${bytes.length}, an opcode needs ${position + length}`,
      });
    }
    const slice = bytes.subarray(position, position + length);
    position += length;
    return slice;
  };
  const push = (value: StackItem): void => {
    stack.push(value);
  };
  /** Pushes a newly built value (a container, string, float, global, tensor), counting it. */
  const allocate = (value: StackItem): void => {
    values += 1;
    if (values > MAX_PICKLE_VALUES)
      fail(
        `a state_dict pickle builds at most ${MAX_PICKLE_VALUES} values (dicts, lists, tuples, strings, tensors), this one builds more`,
      );
    stack.push(value);
  };
  const u8 = () => take(1)[0]!;
  const u16 = () => view.getUint16(take(2).byteOffset - bytes.byteOffset, true);
  const u32 = () => view.getUint32(take(4).byteOffset - bytes.byteOffset, true);
  const i32 = () => view.getInt32(take(4).byteOffset - bytes.byteOffset, true);
  const u64 = () => {
    const value = view.getBigUint64(take(8).byteOffset - bytes.byteOffset, true);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? fail('a length does not fit') : Number(value);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, position);
    if (end < 0) take(bytes.length + 1);
    return decoder.decode(take(end - position + 1).subarray(0, -1));
  };
  const pop = (): PickleValue => {
    const value = stack.pop();
    if (value === undefined || value === MARK) return fail('stack underflow');
    return value;
  };
  const popMark = (): PickleValue[] => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) fail('no MARK on the stack');
    const items = stack.splice(index) as PickleValue[];
    items.shift();
    return items;
  };
  const top = (): PickleValue => {
    const value = stack[stack.length - 1];
    if (value === undefined || value === MARK) return fail('stack underflow');
    return value;
  };
  const resolveGlobal = (module: string, name: string): AllowedGlobal => {
    const normalisedModule = module === '__builtin__' ? 'builtins' : module;
    const full = `${normalisedModule}.${name}`;
    if (!ALLOWED_GLOBALS.includes(full)) {
      throw new DenseNetError({
        code: 'unsafe-pickle',
        file,
        message: `refusing to load: the pickle references the global ${shownName(full)}, which a state_dict never needs (allowed: ${ALLOWED_GLOBALS.join(', ')})`,
        value: full,
      });
    }
    return { kind: 'global', name: full };
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!(target instanceof Map)) fail('SETITEM(S) on something that is not a dict');
    for (let index = 0; index + 1 < items.length; index += 2)
      (target as Map<PickleValue, PickleValue>).set(items[index]!, items[index + 1]!);
  };
  const call = (callable: PickleValue, args: PickleValue): PickleValue => {
    const name =
      (callable as AllowedGlobal | null)?.kind === 'global'
        ? (callable as AllowedGlobal).name
        : fail('REDUCE on something that is not a global');
    const items = isTuple(args) ? args.items : fail(`the arguments of ${name} must be a tuple`);
    if (name === 'collections.OrderedDict') {
      const map = new Map<PickleValue, PickleValue>();
      const pairs = items[0] ?? [];
      if (!Array.isArray(pairs)) fail('OrderedDict takes a list of pairs');
      for (const pair of pairs as PickleValue[]) {
        if (!isTuple(pair) && !Array.isArray(pair)) fail('OrderedDict items must be pairs');
        const [key, value] = isTuple(pair) ? pair.items : (pair as PickleValue[]);
        map.set(key!, value!);
      }
      return map;
    }
    if (name === 'torch._utils._rebuild_tensor_v2') {
      const storage = items[0] as StorageRef;
      if (storage?.kind !== 'storage') fail('_rebuild_tensor_v2 needs a storage');
      return {
        kind: 'tensor',
        storage,
        offset: integer(items[1]!, 'storage offset', file),
        shape: integers(items[2]!, 'size', file),
        stride: integers(items[3]!, 'stride', file),
      };
    }
    if (name === 'torch._utils._rebuild_parameter') {
      if ((items[0] as TensorRef | undefined)?.kind !== 'tensor')
        fail('_rebuild_parameter needs a tensor');
      return items[0]!;
    }
    return fail(`${name} cannot be called`);
  };

  for (;;) {
    const opcode = u8();
    switch (opcode) {
      case 0x80: // PROTO
        if (u8() > 5) fail('pickle protocol above 5');
        break;
      case 0x95: // FRAME
        u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1) fail('STOP with a stack that does not hold exactly one value');
        return pop();
      case 0x28: // MARK
        push(MARK);
        break;
      case 0x7d: // EMPTY_DICT
        allocate(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        allocate([]);
        break;
      case 0x29: // EMPTY_TUPLE
        allocate({ kind: 'tuple', items: [] });
        break;
      case 0x74: // TUPLE
        allocate({ kind: 'tuple', items: popMark() });
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const items = Array.from({ length: opcode - 0x84 }, pop).reverse();
        allocate({ kind: 'tuple', items });
        break;
      }
      case 0x61: {
        // APPEND
        const value = pop();
        const list = top();
        if (!Array.isArray(list)) fail('APPEND to something that is not a list');
        (list as PickleValue[]).push(value);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) fail('APPENDS to something that is not a list');
        for (const item of items) (list as PickleValue[]).push(item);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x4a: // BININT
        push(i32());
        break;
      case 0x4b: // BININT1
        push(u8());
        break;
      case 0x4d: // BININT2
        push(u16());
        break;
      case 0x8a: {
        // LONG1
        const data = take(u8());
        let value = 0n;
        for (let index = data.length - 1; index >= 0; index -= 1)
          value = (value << 8n) | BigInt(data[index]!);
        if (data.length > 0 && data[data.length - 1]! & 0x80)
          value -= 1n << BigInt(8 * data.length);
        allocate(
          value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(value)
            : value,
        );
        break;
      }
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x47: // BINFLOAT
        allocate(view.getFloat64(take(8).byteOffset - bytes.byteOffset, false));
        break;
      case 0x58: // BINUNICODE
        allocate(decoder.decode(take(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        allocate(decoder.decode(take(u8())));
        break;
      case 0x8d: // BINUNICODE8
        allocate(decoder.decode(take(u64())));
        break;
      case 0x55: // SHORT_BINSTRING
        allocate(decoder.decode(take(u8())));
        break;
      case 0x54: // BINSTRING
        allocate(decoder.decode(take(u32())));
        break;
      case 0x43: // SHORT_BINBYTES
        allocate(take(u8()).slice());
        break;
      case 0x42: // BINBYTES
        allocate(take(u32()).slice());
        break;
      case 0x63: {
        // GLOBAL
        const module = line();
        allocate(resolveGlobal(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string')
          fail('STACK_GLOBAL needs two strings');
        allocate(resolveGlobal(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        allocate(call(pop(), args));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        allocate(call(pop(), args));
        break;
      }
      case 0x62: {
        // BUILD: only OrderedDict state (`_metadata`) occurs in a state_dict; it is dropped.
        pop();
        if (!(top() instanceof Map)) fail('BUILD on something other than an OrderedDict');
        break;
      }
      case 0x51: {
        // BINPERSID
        const pid = pop();
        if (!isTuple(pid) || pid.items[0] !== 'storage')
          fail("a persistent id must be ('storage', type, key, location, numel)");
        const [, type, key, location, numel] = (pid as PickleTuple).items;
        const dtype = STORAGES[(type as AllowedGlobal | undefined)?.name ?? ''];
        if (dtype === undefined || typeof key !== 'string')
          fail('a storage persistent id needs an allowed storage type and a key');
        allocate({
          kind: 'storage',
          dtype: dtype!,
          key: key as string,
          location: String(location),
          numel: integer(numel!, 'numel', file),
        });
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const index = opcode === 0x68 ? u8() : u32();
        const value = memo.get(index);
        if (value === undefined) fail(`memo ${index} is not set`);
        push(value!);
        break;
      }
      case 0x30: // POP
        stack.pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(top());
        break;
      default:
        fail(
          `opcode 0x${opcode.toString(16).padStart(2, '0')} is not used by state_dicts and is refused`,
        );
    }
  }
}
