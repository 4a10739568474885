import {
  CtfBatchNormBackward,
  CtfBatchNormForward,
  CtfBatchNormReluBackward,
  CtfBatchNormReluForward,
  CtfReluBackward,
} from '@ct-fracture/core';
import {
  batchNormReluBackwardReference,
  batchNormReluReference,
  batchNormTrainingReference,
} from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { OneDnnError } from '../errors/onednn-error';
import {
  countNativeCalls,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  relativeError,
  runOn,
} from '../test-support/native-suite';

const EPSILON = 1e-5;

interface Case {
  name: string;
  /** Leading shape (every axis but channels). */
  leading: number[];
  /** Channels of each piece. */
  widths: number[];
  /** Normalise with given statistics instead of the batch's. */
  given?: boolean;
  /** Add the gradients to accumulators. */
  accumulate?: boolean;
  shift?: number;
}

const CASES: Case[] = [
  { name: 'one piece [2, 4, 4, 4] × 96', leading: [2, 4, 4, 4], widths: [96] },
  { name: 'dense-layer pieces 64 + 32 + 32', leading: [2, 3, 4, 5], widths: [64, 32, 32] },
  {
    name: 'pieces, accumulated gradients',
    leading: [1, 5, 4, 3],
    widths: [16, 8, 8, 8],
    accumulate: true,
  },
  {
    name: 'given statistics, mean 30',
    leading: [1, 6, 6, 6],
    widths: [24, 8],
    given: true,
    shift: 30,
  },
  { name: 'rank 2 [17] × 5 + 3, odd widths', leading: [17], widths: [5, 3], shift: -0.5 },
  { name: 'one row per channel value [2, 1, 1, 1]', leading: [2, 1, 1, 1], widths: [40, 32] },
];

function values(c: Case) {
  const channels = c.widths.reduce((a, b) => a + b, 0);
  const rows = c.leading.reduce((a, b) => a * b, 1);
  return {
    channels,
    pieces: c.widths.map((w, k) =>
      randomArray(rows * w, 10 + k, -2, 2).map((v, i) => v * (1 + (i % w) / w) + (c.shift ?? 0)),
    ),
    scale: randomArray(channels, 4, 0.5, 1.5),
    offset: randomArray(channels, 5, -0.5, 0.5),
    mean: randomArray(channels, 6, -0.3, 0.3).map((v) => v + (c.shift ?? 0)),
    variance: randomArray(channels, 7, 0.5, 2),
    dy: randomArray(rows * channels, 8),
    accumulate: c.widths.map((w, k) => randomArray(rows * w, 20 + k)),
  };
}

function tensors(c: Case) {
  const v = values(c);
  const pieces = v.pieces.map((p, k) => tf.tensor(p, [...c.leading, c.widths[k] ?? 0]));
  return {
    pieces,
    scale: tf.tensor1d(v.scale),
    offset: tf.tensor1d(v.offset),
    statistics: c.given
      ? { mean: tf.tensor1d(v.mean), variance: tf.tensor1d(v.variance) }
      : undefined,
    dy: tf.tensor(v.dy, [...c.leading, v.channels]),
    accumulate: c.accumulate
      ? v.accumulate.map((a, k) => tf.tensor(a, [...c.leading, c.widths[k] ?? 0]))
      : undefined,
  };
}

const named = (name: string, list: tf.Tensor[]) =>
  Object.fromEntries(list.map((t, k) => [k === 0 ? name : `${name}${k}`, t]));

/** The kernels through the engine, as densenet3d runs them. */
function nativeOutputs(c: Case) {
  return () => {
    const t = tensors(c);
    const [y, mean, variance] = tf
      .engine()
      .runKernel(
        CtfBatchNormReluForward,
        { ...named('x', t.pieces), scale: t.scale, offset: t.offset, ...(t.statistics ?? {}) },
        { epsilon: EPSILON },
      ) as tf.Tensor[];
    const grads = tf.engine().runKernel(
      CtfBatchNormReluBackward,
      {
        dy: t.dy,
        ...named('x', t.pieces),
        ...(t.accumulate ? named('accumulate', t.accumulate) : {}),
        scale: t.scale,
        offset: t.offset,
        mean: mean as tf.Tensor,
        variance: variance as tf.Tensor,
      },
      { epsilon: EPSILON },
    ) as tf.Tensor[];
    return [y as tf.Tensor, mean as tf.Tensor, variance as tf.Tensor, ...grads];
  };
}

/** densenet3d's composite reference, on cpu. */
function referenceOutputs(c: Case) {
  return () => {
    const t = tensors(c);
    const { y, mean, variance } = batchNormReluReference(
      t.pieces,
      t.scale as tf.Tensor1D,
      t.offset as tf.Tensor1D,
      EPSILON,
      t.statistics as { mean: tf.Tensor1D; variance: tf.Tensor1D } | undefined,
    );
    const { dx, dScale, dOffset } = batchNormReluBackwardReference(
      t.dy,
      t.pieces,
      t.scale as tf.Tensor1D,
      t.offset as tf.Tensor1D,
      mean,
      variance,
      EPSILON,
      t.accumulate,
    );
    return [y, mean, variance, ...dx, dScale, dOffset];
  };
}

describeNative('CtfBatchNormReluForward / Backward match densenet3d’s composite reference', () => {
  it.each(CASES)('$name', async (c) => {
    const reference = await runOn('cpu', referenceOutputs(c));
    const { result: native, calls } = await countNativeCalls(() =>
      runOn('onednn', nativeOutputs(c)),
    );
    expect(calls.get('batchNormReluForward')).toBe(1);
    expect(calls.get('batchNormReluBackward')).toBe(1);
    const names = [
      'y',
      'mean',
      'variance',
      ...c.widths.map((_, k) => `dx${k}`),
      'dScale',
      'dOffset',
    ];
    expect(native).toHaveLength(names.length);
    names.forEach((name, i) => {
      expect(
        relativeError(native[i] ?? new Float32Array(), reference[i] ?? new Float32Array()),
        name,
      ).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });

  it('pieces give the bits of their concatenation, and fused the bits of BN then ReLU', async () => {
    const c = CASES[1]!;
    const pieces = await runOn('onednn', nativeOutputs(c));
    const whole = await runOn('onednn', () => {
      const t = tensors(c);
      const x = tf.concat(t.pieces, -1);
      const [y, mean, variance] = tf
        .engine()
        .runKernel(
          CtfBatchNormReluForward,
          { x, scale: t.scale, offset: t.offset },
          { epsilon: EPSILON },
        ) as tf.Tensor[];
      const [dx, dScale, dOffset] = tf.engine().runKernel(
        CtfBatchNormReluBackward,
        {
          dy: t.dy,
          x,
          scale: t.scale,
          offset: t.offset,
          mean: mean as tf.Tensor,
          variance: variance as tf.Tensor,
        },
        { epsilon: EPSILON },
      ) as tf.Tensor[];
      const parts = tf.split(dx as tf.Tensor, c.widths, -1);
      return [
        y as tf.Tensor,
        mean as tf.Tensor,
        variance as tf.Tensor,
        ...parts,
        dScale!,
        dOffset!,
      ];
    });
    const unfused = await runOn('onednn', () => {
      const t = tensors(c);
      const x = tf.concat(t.pieces, -1);
      const [normalised, mean, variance] = tf
        .engine()
        .runKernel(
          CtfBatchNormForward,
          { x, scale: t.scale, offset: t.offset },
          { epsilon: EPSILON },
        ) as tf.Tensor[];
      const y = tf.relu(normalised as tf.Tensor);
      const g = tf.engine().runKernel(CtfReluBackward, { dy: t.dy, y }) as tf.Tensor;
      const [dx, dScale, dOffset] = tf.engine().runKernel(
        CtfBatchNormBackward,
        {
          dy: g,
          x,
          scale: t.scale,
          mean: mean as tf.Tensor,
          variance: variance as tf.Tensor,
        },
        { epsilon: EPSILON },
      ) as tf.Tensor[];
      const parts = tf.split(dx as tf.Tensor, c.widths, -1);
      return [y, mean as tf.Tensor, variance as tf.Tensor, ...parts, dScale!, dOffset!];
    });
    expect(pieces).toEqual(whole);
    expect(unfused).toEqual(whole);
  });

  it('a recomputation with the returned statistics reproduces y bit for bit', async () => {
    const c = CASES[0]!;
    const [first, again] = await runOn('onednn', () => {
      const t = tensors(c);
      const [y, mean, variance] = tf
        .engine()
        .runKernel(
          CtfBatchNormReluForward,
          { x: t.pieces[0]!, scale: t.scale, offset: t.offset },
          { epsilon: EPSILON },
        ) as tf.Tensor[];
      const [recomputed] = tf.engine().runKernel(
        CtfBatchNormReluForward,
        {
          x: t.pieces[0]!,
          scale: t.scale,
          offset: t.offset,
          mean: mean as tf.Tensor,
          variance: variance as tf.Tensor,
        },
        { epsilon: EPSILON },
      ) as tf.Tensor[];
      return [y as tf.Tensor, recomputed as tf.Tensor];
    });
    expect(again).toEqual(first);
  });

  it('the composite training reference and the fused kernel agree on the statistics', async () => {
    const c = CASES[0]!;
    const reference = await runOn('cpu', () => {
      const t = tensors(c);
      const r = batchNormTrainingReference(
        t.pieces[0]!,
        t.scale as tf.Tensor1D,
        t.offset as tf.Tensor1D,
        EPSILON,
      );
      return [tf.relu(r.y), r.mean, r.variance];
    });
    const native = (await runOn('onednn', nativeOutputs(c))).slice(0, 3);
    native.forEach((values, i) => {
      expect(relativeError(values, reference[i]!)).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });

  it.each([
    [
      'pieces of different leading shapes',
      () => ({
        x: tf.zeros([2, 3, 4]),
        x1: tf.zeros([2, 4, 4]),
        scale: tf.ones([8]),
        offset: tf.zeros([8]),
      }),
      /x1/,
    ],
    [
      'an int32 piece',
      () => ({ x: tf.zeros([2, 3], 'int32'), scale: tf.ones([3]), offset: tf.zeros([3]) }),
      /int32 \[2,3\] for x/,
    ],
    [
      'a scale of the wrong length',
      () => ({ x: tf.zeros([2, 3]), scale: tf.ones([4]), offset: tf.zeros([3]) }),
      /scale as float32 \[3\], got float32 \[4\]/,
    ],
  ])('rejects %s with an invalid-input error', async (_name, inputs, message) => {
    await tf.setBackend('onednn');
    const made = inputs() as unknown as tf.NamedTensorMap;
    try {
      expect(() =>
        tf.engine().runKernel(CtfBatchNormReluForward, made, { epsilon: EPSILON }),
      ).toThrow(message);
      try {
        tf.engine().runKernel(CtfBatchNormReluForward, made, { epsilon: EPSILON });
      } catch (error) {
        expect(OneDnnError.isInstance(error) && error.code === 'invalid-input').toBe(true);
      }
    } finally {
      tf.dispose(Object.values(made));
    }
  });
});

describeNative('CtfReluBackward matches tfjs’s Relu gradient', () => {
  it('dy · step(y), NaN where y is NaN', async () => {
    const n = 1 << 18;
    const yValues = randomArray(n, 30).map((v, i) => (i % 97 === 0 ? Number.NaN : Math.max(0, v)));
    const dyValues = randomArray(n, 31);
    const compute = () => {
      const y = tf.tensor1d(yValues);
      const dy = tf.tensor1d(dyValues);
      return tf.getBackend() === 'onednn'
        ? (tf.engine().runKernel(CtfReluBackward, { dy, y }) as tf.Tensor)
        : tf.mul(dy, tf.cast(tf.step(y), 'float32'));
    };
    const reference = await runOn('cpu', compute);
    const { result: native, calls } = await countNativeCalls(() => runOn('onednn', compute));
    expect(calls.get('reluBackward')).toBe(1);
    expect(native).toEqual(reference);
  });
});
