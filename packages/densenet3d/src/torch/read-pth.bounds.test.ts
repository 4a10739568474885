import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import { FIXTURES } from '../test-support/fixture-bundle';
import { pthFile, stateDictPickle } from '../test-support/pth-writer';
import { deflatedZeros, pickleBytes, zipArchive } from '../test-support/zip-writer';
import { readPth } from './read-pth';
import type { TorchStorageDtype } from './unpickler';

function errorOf(action: () => unknown): DenseNetError {
  try {
    action();
  } catch (error) {
    if (!DenseNetError.isInstance(error)) throw error;
    return error as DenseNetError;
  }
  throw new Error('expected a DenseNetError');
}

const floats = (...values: number[]) => new Uint8Array(new Float32Array(values).buffer);
const MiB = 1024 ** 2;

describe('readPth refuses what would allocate more than the file declares, before allocating', () => {
  it.each<[string, () => Uint8Array, string, RegExp]>([
    [
      'a stride-0 tensor of 1.55e9 elements over one float (the audit’s 747-byte file: 6.2 GB)',
      () =>
        pthFile(
          { w: { storage: '0', numel: 1, shape: [1_550_000_000], stride: [0] } },
          { 0: floats(1) },
        ),
      'torch-format',
      /^hostile\.pth: tensor 'w' \(shape \[1550000000\], stride \[0\]\) must have at most as many elements as its storage \(1\), got 1550000000: its elements repeat/,
    ],
    [
      'overlapping strides with more elements than the storage',
      () =>
        pthFile(
          { w: { storage: '0', numel: 3, shape: [2, 2], stride: [1, 1] } },
          { 0: floats(1, 2, 3) },
        ),
      'torch-format',
      /tensor 'w' \(shape \[2,2\], stride \[1,1\]\) must have at most as many elements as its storage \(3\), got 4/,
    ],
    [
      'a deflate bomb: 1 MB inflating to 1 GiB, declared as 4 bytes (the audit’s 1 MB file: 3.1 GB)',
      () =>
        pthFile(
          { w: { storage: '0', numel: 1, shape: [1] } },
          {},
          { deflated: { 0: deflatedZeros(1024 * MiB) }, declaredSize: { 0: 4 } },
        ),
      'torch-truncated',
      /^hostile\.pth: is truncated or damaged: 'archive\/data\/0' inflates to more than the 4 bytes it declares$/,
    ],
    [
      'a deflated storage declaring more than deflate can expand to',
      () =>
        pthFile(
          { w: { storage: '0', numel: 1, shape: [1] } },
          { 0: floats(1) },
          { deflate: ['0'], declaredSize: { 0: 4_000_000_000 } },
        ),
      'torch-truncated',
      /'archive\/data\/0' declares 4000000000 bytes inflated from \d+, more than deflate can expand to \(1032×\)/,
    ],
    [
      'a stored storage whose two declared sizes differ',
      () =>
        pthFile(
          { w: { storage: '0', numel: 1, shape: [1] } },
          { 0: floats(1) },
          { declaredSize: { 0: 4_000_000_000 } },
        ),
      'torch-truncated',
      /'archive\/data\/0' is stored \(not compressed\) but declares 4 bytes stored and 4000000000 bytes of contents/,
    ],
    [
      'zip data running past the end of the file',
      () =>
        zipArchive([
          { name: 'archive/data.pkl', data: pickleBytes(0x80, 2, '}.') },
          {
            name: 'archive/data/0',
            data: floats(1),
            declaredSize: 900_000_000,
            declaredCompressedSize: 900_000_000,
          },
        ]),
      'torch-truncated',
      /'archive\/data\/0' declares 900000000 bytes of data at byte \d+, past the end of the \d+-byte file/,
    ],
    [
      'a storage declaring 1e9 elements over a 4-byte entry',
      () => pthFile({ w: { storage: '0', numel: 1e9, shape: [1e9] } }, { 0: floats(1) }),
      'torch-truncated',
      /^hostile\.pth: is truncated: the storage of 'w' has 4 bytes, needs 4000000000 \(1000000000 × float32\)$/,
    ],
    [
      'an offset past the storage',
      () => pthFile({ w: { storage: '0', numel: 2, offset: 2, shape: [1] } }, { 0: floats(1, 2) }),
      'torch-format',
      /tensor 'w' \(shape \[1\], stride \[1\], offset 2\) reaches element 2, outside its storage of 2/,
    ],
    [
      'a negative stride',
      () =>
        pthFile({ w: { storage: '0', numel: 2, shape: [2], stride: [-1] } }, { 0: floats(1, 2) }),
      'torch-format',
      /tensor 'w' must have non-negative sizes, strides, offset and storage size/,
    ],
    [
      'fewer strides than axes',
      () =>
        pthFile(
          { w: { storage: '0', numel: 4, shape: [2, 2], stride: [1] } },
          { 0: floats(1, 2, 3, 4) },
        ),
      'torch-format',
      /tensor 'w' must have one stride per axis, got shape \[2,2\] and stride \[1\]/,
    ],
    [
      'a pickle that builds more than 250 000 values (dicts here)',
      () =>
        zipArchive([
          {
            name: 'archive/data.pkl',
            data: pickleBytes(0x80, 2, '}'.repeat(250_001), '.'),
          },
        ]),
      'torch-format',
      /a state_dict pickle builds at most 250000 values \(dicts, lists, tuples, strings, tensors\), this one builds more/,
    ],
  ])('%s', (_, bytes, code, message) => {
    const file = bytes();
    const error = errorOf(() => readPth(file, 'hostile.pth'));
    expect({ code: error.code, file: error.file }).toEqual({ code, file: 'hostile.pth' });
    expect(error.message).toMatch(message);
  });

  it('stride-zero.pth, written by torch.save (759 bytes), is refused naming the file and the key', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'stride-zero.pth')));
    expect(bytes.length).toBeLessThan(800);
    const error = errorOf(() => readPth(bytes, 'stride-zero.pth'));
    expect(error.key).toBe('weight');
    expect(error.message).toMatch(
      /^stride-zero\.pth: tensor 'weight' \(shape \[1550000000\], stride \[0\]\) must have at most as many elements as its storage \(1\)/,
    );
  });

  it('the crafted stride-0 file is under 800 bytes (a few bytes must not become gigabytes)', () => {
    const bytes = pthFile(
      { w: { storage: '0', numel: 1, shape: [1_550_000_000], stride: [0] } },
      { 0: floats(1) },
    );
    expect(bytes.length).toBeLessThan(800);
  });

  it.each<[string, (name: string) => Uint8Array, string]>([
    [
      'state_dict key',
      (name) =>
        pthFile({ [name]: { storage: '0', numel: 1, shape: [10], stride: [0] } }, { 0: floats(1) }),
      'tensor ',
    ],
    [
      'pickle global',
      (name) =>
        zipArchive([
          { name: 'archive/data.pkl', data: pickleBytes(0x80, 2, 'c', `os\n${name}\n`, '.') },
        ]),
      'the global ',
    ],
  ])('a 100 000-character %s is quoted to 80 characters in the message', (_, bytes, before) => {
    const error = errorOf(() => readPth(bytes('k'.repeat(100_000)), 'long.pth'));
    expect(error.message).toMatch(
      new RegExp(`${before}"(os\\.)?k{77,80}…" \\(1000\\d\\d characters\\)`),
    );
    expect(error.message.length).toBeLessThan(600);
  });

  it('data.pkl past maxPickleBytes is refused before it is inflated', () => {
    const pickle = stateDictPickle({ w: { storage: '0', numel: 1, shape: [1] } });
    const error = errorOf(() =>
      readPth(pthFile({ w: { storage: '0', numel: 1, shape: [1] } }, { 0: floats(1) }), 'p.pth', {
        maxPickleBytes: pickle.length - 1,
      }),
    );
    expect(error.message).toBe(
      `p.pth: 'archive/data.pkl' must be at most ${pickle.length - 1} bytes (a state_dict's pickle is far smaller), got ${pickle.length}`,
    );
  });

  it('tensors sharing one storage count each time toward maxTensorBytes, naming the key that passes it', () => {
    const view = { storage: '0', numel: 256, shape: [256] };
    const bytes = pthFile({ a: view, b: view, c: view }, { 0: new Uint8Array(1024) });
    expect(readPth(bytes, 's.pth', { maxTensorBytes: 3072 }).size).toBe(3);
    const error = errorOf(() => readPth(bytes, 's.pth', { maxTensorBytes: 3071 }));
    expect(error.message).toBe(
      "s.pth: the tensors must take at most 3071 bytes once read (compressed storages counted once more), all together; 'c' (shape [256]) brings them to 3072",
    );
    expect(error.key).toBe('c');
  });

  it('a compressed storage counts toward maxTensorBytes once, inflated, besides its tensors', () => {
    const tensors = {
      a: { storage: '0', numel: 256, shape: [1] },
      b: { storage: '0', numel: 256, shape: [1] },
    };
    const bytes = pthFile(tensors, { 0: new Uint8Array(1024) }, { deflate: ['0'] });
    expect(readPth(bytes, 'z.pth', { maxTensorBytes: 1032 }).size).toBe(2);
    expect(() => readPth(bytes, 'z.pth', { maxTensorBytes: 1031 })).toThrowError(
      /'b' \(shape \[1\]\) brings them to 1032/,
    );
  });

  it('a compressed storage must declare exactly its elements’ bytes', () => {
    const bytes = pthFile(
      { w: { storage: '0', numel: 1, shape: [1] } },
      { 0: floats(1, 2) },
      { deflate: ['0'] },
    );
    expect(() => readPth(bytes, 'z.pth')).toThrowError(
      "z.pth: is truncated or damaged: the compressed storage of 'w' must inflate to 4 bytes (1 × float32), its zip entry declares 8",
    );
  });

  it('a deflated storage within its declared size reads as stored', () => {
    const tensors = { w: { storage: '0', numel: 3, shape: [3] } };
    const stored = readPth(pthFile(tensors, { 0: floats(1, 2, 3) }), 'a.pth');
    const deflated = readPth(pthFile(tensors, { 0: floats(1, 2, 3) }, { deflate: ['0'] }), 'b.pth');
    expect(Array.from(deflated.get('w')!.data as Float32Array)).toEqual([1, 2, 3]);
    expect(deflated.get('w')!.data).toEqual(stored.get('w')!.data);
  });

  it('APPENDS of 200 000 items does not overflow the call stack', () => {
    const pickle = pickleBytes(0x80, 2, ']', '(', 'N'.repeat(200_000), 'e', '.');
    const error = errorOf(() =>
      readPth(zipArchive([{ name: 'archive/data.pkl', data: pickle }]), 'list.pth'),
    );
    expect(error.message).toMatch(/^list.pth: must hold a state_dict/);
  });
});

const ITEM_BYTES: Record<TorchStorageDtype, number> = {
  float32: 4,
  float16: 2,
  float64: 8,
  int64: 8,
};

/** What readPth must return for one tensor, or undefined when it must refuse it. */
function expectedValues(
  geometry: {
    dtype: TorchStorageDtype;
    shape: number[];
    stride: number[];
    offset: number;
    numel: number;
    bytes: Uint8Array;
    deflate: boolean;
  },
  maxTensorBytes: number,
): Array<number | bigint> | undefined {
  const { dtype, shape, stride, offset, numel, bytes } = geometry;
  if (stride.length !== shape.length || stride.some((value) => value < 0)) return undefined;
  if (numel * ITEM_BYTES[dtype] > bytes.length) return undefined;
  const count = shape.reduce((product, size) => product * size, 1);
  const inflated = geometry.deflate ? bytes.length : 0;
  if (inflated + count * (dtype === 'int64' ? 8 : 4) > maxTensorBytes) return undefined;
  if (count === 0) return [];
  if (count > numel) return undefined;
  const last = offset + shape.reduce((sum, size, axis) => sum + (size - 1) * stride[axis]!, 0);
  if (last >= numel) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: Array<number | bigint> = [];
  const visit = (axis: number, element: number) => {
    if (axis === shape.length) {
      const byte = element * ITEM_BYTES[dtype];
      if (dtype === 'int64') values.push(view.getBigInt64(byte, true));
      else if (dtype === 'float32') values.push(view.getFloat32(byte, true));
      else if (dtype === 'float64') values.push(Math.fround(view.getFloat64(byte, true)));
      else values.push(Math.fround(halfToNumber(view.getUint16(byte, true))));
      return;
    }
    for (let index = 0; index < shape[axis]!; index += 1)
      visit(axis + 1, element + index * stride[axis]!);
  };
  visit(0, offset);
  return values;
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

describe('readPth on random tensor geometry: the values, or a DenseNetError naming the file', () => {
  const geometry = fc
    .record({
      dtype: fc.constantFrom<TorchStorageDtype>('float32', 'float16', 'float64', 'int64'),
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
      strides: fc.array(fc.integer({ min: -1, max: 7 }), { minLength: 5, maxLength: 5 }),
      strideCountChange: fc.constantFrom(0, 0, 0, 0, -1, 1),
      offset: fc.integer({ min: 0, max: 8 }),
      numel: fc.integer({ min: 0, max: 48 }),
      byteShortfall: fc.constantFrom(0, 0, 0, 1, 7),
      seed: fc.uint8Array({ minLength: 8 * 48, maxLength: 8 * 48 }),
      deflate: fc.boolean(),
      maxTensorBytes: fc.constantFrom(2 ** 31, 2 ** 31, 64, 16),
    })
    .map((draw) => {
      const strideCount = Math.max(0, draw.shape.length + draw.strideCountChange);
      const bytesLength = Math.max(0, draw.numel * ITEM_BYTES[draw.dtype] - draw.byteShortfall);
      return {
        ...draw,
        stride: draw.strides.slice(0, strideCount),
        bytes: draw.seed.slice(0, bytesLength),
      };
    });

  it('agrees with an element-by-element reference', () => {
    fc.assert(
      fc.property(geometry, (draw) => {
        const file = pthFile(
          {
            w: {
              storage: '0',
              dtype: draw.dtype,
              numel: draw.numel,
              offset: draw.offset,
              shape: draw.shape,
              stride: draw.stride,
            },
          },
          { 0: draw.bytes },
          draw.deflate ? { deflate: ['0'] } : {},
        );
        const expected = expectedValues(draw, draw.maxTensorBytes);
        if (expected === undefined) {
          const error = errorOf(() =>
            readPth(file, 'p.pth', { maxTensorBytes: draw.maxTensorBytes }),
          );
          expect(error.message.startsWith('p.pth: ')).toBe(true);
          return;
        }
        const tensor = readPth(file, 'p.pth', { maxTensorBytes: draw.maxTensorBytes }).get('w')!;
        expect(tensor.shape).toEqual(draw.shape);
        expect(Array.from(tensor.data as ArrayLike<number | bigint>)).toEqual(expected);
      }),
      { numRuns: 400, seed: 16 },
    );
  });

  it('a real torch.save file with any 1–8 bytes overwritten: read, or refused with a DenseNetError', () => {
    const good = new Uint8Array(readFileSync(join(FIXTURES, 'single-head.pth')));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.length - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        (position, patch) => {
          const bytes = good.slice();
          bytes.set(patch.subarray(0, bytes.length - position), position);
          try {
            readPth(bytes, 'flipped.pth');
          } catch (error) {
            expect(DenseNetError.isInstance(error)).toBe(true);
            expect((error as Error).message.startsWith('flipped.pth: ')).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});
