import { readFileSync } from 'node:fs';
import { CUSTOM_KERNEL_NAMES } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeNative } from '../test-support/native-suite';
import type { ConvGeometry, OneDnnAddon, PoolGeometry } from './addon-types';
import { loadOneDnnAddon } from './load-addon';

/** Every function of the addon's type: the compiler rejects a missing or an extra name. */
const TYPED: Record<keyof OneDnnAddon, true> = {
  info: true,
  setThreads: true,
  setCacheCapacity: true,
  clearCache: true,
  conv3dForward: true,
  conv3dBackwardData: true,
  conv3dBackwardWeights: true,
  convImplementations: true,
  setConvPaths: true,
  pool3dForward: true,
  pool3dBackward: true,
  batchNormForward: true,
  batchNormBackward: true,
  batchNormInference: true,
  batchNormReluForward: true,
  batchNormReluBackward: true,
  reluBackward: true,
  unary: true,
  binary: true,
  addN: true,
  concat: true,
  slice: true,
  pad: true,
  batchMatMul: true,
  reduceSum: true,
  adamUpdate: true,
  adamUpdateMany: true,
};

/** The JavaScript names in native/functions.def, the native side's one list. */
function listedFunctions(): string[] {
  const text = readFileSync(new URL('../../native/functions.def', import.meta.url), 'utf8');
  return [...text.matchAll(/^CTF_FUNCTION\((\w+),/gm)].map((match) => match[1]!);
}

const addon = () => loadOneDnnAddon().addon!;

/** A 2³ → 2³ convolution of one channel with a 1³ filter. */
const CONV: ConvGeometry = {
  batch: 1,
  inChannels: 1,
  outChannels: 1,
  input: [2, 2, 2],
  output: [2, 2, 2],
  filter: [1, 1, 1],
  strides: [1, 1, 1],
  padBefore: [0, 0, 0],
  padAfter: [0, 0, 0],
  dilations: [1, 1, 1],
};

const POOL: PoolGeometry = {
  batch: 1,
  channels: 1,
  input: [2, 2, 2],
  output: [1, 1, 1],
  window: [2, 2, 2],
  strides: [2, 2, 2],
  padBefore: [0, 0, 0],
  padAfter: [0, 0, 0],
};

describeNative('the native boundary', () => {
  it('exports exactly the functions listed in native/functions.def, each typed', () => {
    const listed = listedFunctions();
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(addon()).sort()).toEqual([...listed].sort());
    expect(Object.keys(TYPED).sort()).toEqual([...listed].sort());
    for (const name of listed) expect(typeof addon()[name as keyof OneDnnAddon]).toBe('function');
  });

  it('the backend registers every custom kernel of @ct-fracture/core', async () => {
    await import('../index');
    for (const name of CUSTOM_KERNEL_NAMES) {
      expect(tf.getKernel(name, 'onednn'), name).toBeDefined();
    }
  });

  it('setConvPaths sets and returns the thresholds', () => {
    const saved = addon().setConvPaths();
    try {
      expect(addon().setConvPaths({ patchPositions: 3 })).toEqual({
        patchPositions: 3,
        pointwisePositions: saved.pointwisePositions,
      });
      expect(() => addon().setConvPaths({ patchPositions: 'many' as unknown as number })).toThrow(
        /patchPositions/,
      );
    } finally {
      addon().setConvPaths(saved);
    }
    expect(addon().setConvPaths()).toEqual(saved);
  });

  it('adamUpdateMany checks every list against lengths, naming the field', () => {
    const f = (n: number) => new Float32Array(n);
    const options = {
      lengths: [2, 3],
      param: [f(2), f(3)],
      grad: [f(2), f(3)],
      m: [f(2), f(3)],
      v: [f(2), f(3)],
      paramOut: [f(2), f(3)],
      mOut: [f(2), f(3)],
      vOut: [f(2), f(3)],
      hyperparameters: Float64Array.of(1e-3, 0.9, 0.999, 1e-8, 1, 0, 0),
    };
    expect(() => addon().adamUpdateMany(options)).not.toThrow();
    expect(() => addon().adamUpdateMany({ ...options, grad: [f(2)] })).toThrow(
      /adamUpdateMany: grad must hold 2 arrays, got 1/,
    );
    expect(() => addon().adamUpdateMany({ ...options, vOut: [f(2), f(2)] })).toThrow(
      /adamUpdateMany: vOut must hold at least 3 elements, got 2/,
    );
    expect(() =>
      addon().adamUpdateMany({ ...options, hyperparameters: new Float64Array(3) }),
    ).toThrow(/hyperparameters must be a Float64Array of 7 values/);
  });

  it('runs a convolution and a pooling from geometry read by name', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = new Float32Array(8);
    addon().conv3dForward(x, Float32Array.of(2), y, CONV);
    expect([...y]).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    const pooled = new Float32Array(1);
    addon().pool3dForward('max', x, pooled, POOL);
    expect([...pooled]).toEqual([8]);
  });

  it.each([
    [
      'a missing field',
      { ...CONV, strides: undefined },
      /convolution geometry: strides must be an array of integers/,
    ],
    [
      'two sizes for three axes',
      { ...CONV, padBefore: [0, 0] },
      /convolution geometry: padBefore must hold 3 integers \(depth, height, width\), got 2/,
    ],
    ['a zero batch', { ...CONV, batch: 0 }, /convolution geometry: batch must be positive, got 0/],
    [
      'a zero filter size',
      { ...CONV, filter: [1, 0, 1] },
      /convolution geometry: filter must be positive, got \[1, 0, 1\]/,
    ],
    [
      'a non-number',
      { ...CONV, inChannels: '1' },
      /convolution geometry: inChannels must be a number/,
    ],
  ])('rejects a convolution geometry with %s, naming the field', (_name, geometry, message) => {
    const run = () =>
      addon().conv3dForward(
        new Float32Array(8),
        new Float32Array(1),
        new Float32Array(8),
        geometry as unknown as ConvGeometry,
      );
    expect(run).toThrow(TypeError);
    expect(run).toThrow(message);
  });

  it.each([
    [
      'a zero window size',
      { ...POOL, window: [2, 0, 2] },
      /pool geometry: window must be positive, got \[2, 0, 2\]/,
    ],
    ['no geometry', undefined, /pool geometry: options must be an object/],
  ])('rejects a pooling geometry with %s, naming the field', (_name, geometry, message) => {
    expect(() =>
      addon().pool3dForward(
        'avg',
        new Float32Array(8),
        new Float32Array(1),
        geometry as unknown as PoolGeometry,
      ),
    ).toThrow(message);
  });

  it('rejects batch sizes of a matrix product that do not broadcast', () => {
    expect(() =>
      addon().batchMatMul(new Float32Array(4), new Float32Array(6), new Float32Array(6), {
        batchA: 2,
        batchB: 3,
        m: 1,
        k: 2,
        n: 1,
        transposeA: false,
        transposeB: false,
      }),
    ).toThrow(/batchMatMul: batchA and batchB must be equal or 1, got 2 and 3/);
  });
});
