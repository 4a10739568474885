import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConvPaths } from '../addon/addon-types';
import { loadOneDnnAddon } from '../addon/load-addon';
import {
  compareWithCpu,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  seeded,
} from '../test-support/native-suite';

type Shape5 = [number, number, number, number, number];

interface ConvCase {
  name: string;
  x: Shape5;
  filter: Shape5;
  strides: number | [number, number, number];
  pad: 'same' | 'valid';
}

/**
 * Forward and both gradients of conv3d for one case: the loss Σ conv(x, w)·g
 * with a random g makes dx and dw the backprop of an arbitrary dy.
 */
function convAndGradients(c: ConvCase, seed: number) {
  const xValues = randomArray(
    c.x.reduce((a, b) => a * b, 1),
    seed,
  );
  const wValues = randomArray(
    c.filter.reduce((a, b) => a * b, 1),
    seed + 1,
    -0.3,
    0.3,
  );
  return () => {
    const x = tf.tensor5d(xValues, c.x);
    const w = tf.tensor5d(wValues, c.filter);
    const y = tf.conv3d(x, w, c.strides, c.pad);
    const g = tf.tensor(randomArray(y.size, seed + 2), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad), g)),
    )([x, w]);
    return [y, dx as tf.Tensor, dw as tf.Tensor];
  };
}

// The convolutions of a 3D DenseNet121 (scaled down in space so the JS reference stays quick).
const DENSENET_CASES: ConvCase[] = [
  {
    name: 'stem 7³ stride 2 valid, 1 → 64 (padded input)',
    x: [1, 14, 13, 12, 1],
    filter: [7, 7, 7, 1, 16],
    strides: 2,
    pad: 'valid',
  },
  {
    name: 'bottleneck 1³, 96 → 128',
    x: [2, 4, 4, 4, 96],
    filter: [1, 1, 1, 96, 128],
    strides: 1,
    pad: 'valid',
  },
  {
    name: 'growth 3³ same, 128 → 32',
    x: [2, 4, 5, 4, 128],
    filter: [3, 3, 3, 128, 32],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'transition 1³, 256 → 128',
    x: [1, 4, 4, 4, 256],
    filter: [1, 1, 1, 256, 128],
    strides: 1,
    pad: 'valid',
  },
  {
    name: 'batch 3, 3³ same, 64 → 32',
    x: [3, 3, 3, 3, 64],
    filter: [3, 3, 3, 64, 32],
    strides: 1,
    pad: 'same',
  },
];

function randomCases(count: number, seed: number): ConvCase[] {
  const next = seeded(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const k = pick([1, 2, 3, 5]);
    const strides: [number, number, number] = [pick([1, 2]), pick([1, 2]), pick([1, 2, 3])];
    const pad = pick(['same', 'valid'] as const);
    const size = () => k + Math.floor(next() * 6);
    const x: Shape5 = [pick([1, 2, 3]), size(), size(), size(), pick([1, 3, 8, 16, 32])];
    const filter: Shape5 = [k, pick([1, k]), k, x[4], pick([1, 4, 16, 32])];
    return {
      name: `random ${i}: x [${x}], filter [${filter}], strides [${strides}], ${pad}`,
      x,
      filter,
      strides,
      pad,
    };
  });
}

// Each case on every path (native/conv.cc): the default thresholds, oneDNN's convolution
// primitives only, and matmuls wherever they apply (patches for stride-1 filters > 1³, a
// plain matmul for a 1³ forward pass).
const PATHS: Array<[string, Partial<ConvPaths> | undefined]> = [
  ['default paths', undefined],
  ['convolution primitives only', { patchPositions: 0, pointwisePositions: 0 }],
  ['matmuls wherever they apply', { patchPositions: 1e9, pointwisePositions: 1e9 }],
];

for (const [label, paths] of PATHS) {
  describeNative(`Conv3D and its gradients on onednn match tfjs-backend-cpu (${label})`, () => {
    let saved: ConvPaths | undefined;
    beforeAll(() => {
      const addon = loadOneDnnAddon().addon!;
      saved = addon.setConvPaths();
      if (paths !== undefined) addon.setConvPaths(paths);
    });
    afterAll(() => {
      if (saved !== undefined) loadOneDnnAddon().addon!.setConvPaths(saved);
    });

    it.each([...DENSENET_CASES, ...randomCases(12, 2024)])('$name', async (c) => {
      const { errors, calls } = await compareWithCpu(convAndGradients(c, 7));
      // tfjs's 'same' can pad by a negative amount (stride > filter); those run on the cpu kernel.
      const p = tf.backend_util.computeConv3DInfo(c.x, c.filter, c.strides, 1, c.pad).padInfo;
      if (Math.min(p.front, p.top, p.left) >= 0) {
        expect(calls.get('conv3dForward'), 'native forward calls').toBeGreaterThan(0);
        expect(calls.get('conv3dBackwardData'), 'native backward-data calls').toBeGreaterThan(0);
        expect(calls.get('conv3dBackwardWeights'), 'native backward-weights calls').toBeGreaterThan(
          0,
        );
      }
      const [forward, dx, dw] = errors;
      expect(forward, 'forward').toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(dx, 'dx').toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(dw, 'dw').toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });
}
