import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import { FIXTURES } from '../test-support/fixture-bundle';
import { pickleBytes, zipStored } from '../test-support/zip-writer';
import { readPth } from './read-pth';

function archive(pickle: Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipStored({ 'archive/data.pkl': pickle, ...extra });
}

function errorOf(action: () => unknown): DenseNetError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DenseNetError);
    return error as DenseNetError;
  }
  throw new Error('expected a DenseNetError');
}

const PROTO2 = [0x80, 2];

describe('readPth refuses pickles that reference globals outside the allow-list', () => {
  it.each<[string, Uint8Array, string]>([
    [
      'os.system via GLOBAL',
      pickleBytes(...PROTO2, 'c', 'os\nsystem\n', 'X', 4, 0, 0, 0, 'echo', 0x85, 'R', '.'),
      'os.system',
    ],
    [
      'builtins.eval via STACK_GLOBAL (protocol 4)',
      pickleBytes(
        0x80,
        4,
        0x8c,
        8,
        'builtins',
        0x8c,
        4,
        'eval',
        0x93,
        'X',
        1,
        0,
        0,
        0,
        '1',
        0x85,
        'R',
        '.',
      ),
      'builtins.eval',
    ],
    [
      '__builtin__.eval (protocol 2 spelling)',
      pickleBytes(...PROTO2, 'c', '__builtin__\neval\n', ')', 'R', '.'),
      'builtins.eval',
    ],
    [
      'subprocess.Popen inside an OrderedDict',
      pickleBytes(
        ...PROTO2,
        'c',
        'collections\nOrderedDict\n',
        ')',
        'R',
        'X',
        1,
        0,
        0,
        0,
        'a',
        'c',
        'subprocess\nPopen\n',
        's',
        '.',
      ),
      'subprocess.Popen',
    ],
    [
      'numpy reconstruct',
      pickleBytes(...PROTO2, 'c', 'numpy.core.multiarray\n_reconstruct\n', '.'),
      'numpy.core.multiarray._reconstruct',
    ],
    [
      'torch.load (not on the list)',
      pickleBytes(...PROTO2, 'c', 'torch\nload\n', '.'),
      'torch.load',
    ],
  ])('%s', (_, pickle, global) => {
    const error = errorOf(() => readPth(archive(pickle), 'evil.pth'));
    expect(error.code).toBe('unsafe-pickle');
    expect(error.value).toBe(global);
    expect(error.message).toContain(
      `evil.pth: refusing to load: the pickle references the global '${global}'`,
    );
  });

  it.each([
    ['malicious-os-system.pth', 'posix.system'],
    ['malicious-builtins-eval.pth', 'builtins.eval'],
  ])('%s written by torch.save is refused naming %s, before anything runs', (name, global) => {
    const error = errorOf(() => readPth(new Uint8Array(readFileSync(join(FIXTURES, name))), name));
    expect(error.code).toBe('unsafe-pickle');
    expect(error.message).toContain(`'${global}'`);
  });

  it.each<[string, Uint8Array, RegExp]>([
    [
      'an opcode state_dicts never use (INST)',
      pickleBytes(...PROTO2, 'i', 'os\nsystem\n', '.'),
      /opcode 0x69 is not used by state_dicts/,
    ],
    [
      'a persistent id that is not a storage',
      pickleBytes(...PROTO2, 'X', 3, 0, 0, 0, 'abc', 0x85, 'Q', '.'),
      /persistent id must be \('storage'/,
    ],
    [
      'REDUCE of a storage type',
      pickleBytes(...PROTO2, 'c', 'torch\nFloatStorage\n', ')', 'R', '.'),
      /torch.FloatStorage cannot be called/,
    ],
    ['not a state_dict', pickleBytes(...PROTO2, 'K', 7, '.'), /must hold a state_dict/],
  ])('rejects %s', (_, pickle, message) => {
    const error = errorOf(() => readPth(archive(pickle), 'odd.pth'));
    expect(error.code).toBe('torch-format');
    expect(error.message).toMatch(message);
  });
});

describe('readPth on truncated or damaged files', () => {
  const good = new Uint8Array(readFileSync(join(FIXTURES, 'single-head.pth')));

  it.each<[string, () => Uint8Array, RegExp]>([
    [
      'cut in half',
      () => good.slice(0, good.length >> 1),
      /is truncated or damaged: the zip central directory \(end of the file\) is missing/,
    ],
    [
      'missing its last 10 bytes',
      () => good.slice(0, good.length - 10),
      /central directory .* is missing/,
    ],
    [
      'one storage byte changed',
      () => {
        const copy = good.slice();
        copy[good.length >> 1] ^= 0xff;
        return copy;
      },
      /fails its size\/CRC check/,
    ],
    [
      'a pickle that stops early',
      () =>
        archive(
          pickleBytes(
            ...PROTO2,
            'c',
            'collections\nOrderedDict\n',
            ')',
            'R',
            'X',
            200,
            0,
            0,
            0,
            'ab',
          ),
        ),
      /is truncated: data.pkl ends at byte \d+, an opcode needs \d+/,
    ],
    [
      'a missing storage',
      () => archive(readInnerPickle(good)),
      /storage 'archive\/data\/0' of 'features.conv0.weight' is missing/,
    ],
  ])('%s → a clear DenseNetError', (_, bytes, message) => {
    const error = errorOf(() => readPth(bytes(), 'cut.pth'));
    expect(error.code).toBe('torch-truncated');
    expect(error.message).toMatch(/^cut.pth: /);
    expect(error.message).toMatch(message);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ['an empty file', new Uint8Array(0), /must be a torch.save zip archive/],
    [
      'a legacy (PyTorch < 1.6) pickle file',
      pickleBytes(...PROTO2, 0x8a, 10),
      /legacy \(PyTorch < 1.6\) torch.save file/,
    ],
    [
      'a text file',
      new TextEncoder().encode('hello world, not a checkpoint at all'),
      /must be a torch.save zip archive/,
    ],
  ])('%s → torch-format', (_, bytes, message) => {
    expect(() => readPth(bytes, 'x.pth')).toThrowError(message);
  });
});

/** The data.pkl of a real torch.save archive (re-zipped alone: its storages are then missing). */
function readInnerPickle(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes);
  const name = 'single-head/data.pkl';
  const start = text.indexOf(name) + name.length;
  const end = text.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), start);
  return bytes.slice(start, end).subarray(bytes.slice(start, end).indexOf(0x80));
}
