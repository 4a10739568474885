import {
  CtfBatchNormReluBackward,
  CtfBatchNormReluForward,
  CtfDenseLayerBackward,
  CtfDenseLayerForward,
} from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { OneDnnError } from '../errors/onednn-error';
import { countNativeCalls, describeNative, randomArray, runOn } from '../test-support/native-suite';

const EPSILON = 1e-5;
const MOMENTUM = 0.1;
const LEADING = [2, 3, 4, 5];
const WIDTHS = [16, 8, 8];
const C = 32;
const B = 16;
const G = 8;
const ROWS = LEADING.reduce((a, b) => a * b, 1);

/** The layer's inputs: three pieces, accumulators, weights, running statistics and dy. */
function layerInputs() {
  const t = (length: number, shape: number[], seed: number, lo = -1, hi = 1) =>
    tf.tensor(randomArray(length, seed, lo, hi), shape);
  return {
    pieces: WIDTHS.map((w, k) => t(ROWS * w, [...LEADING, w], 10 + k, -2, 2)),
    accumulate: WIDTHS.map((w, k) => t(ROWS * w, [...LEADING, w], 20 + k)),
    scale1: t(C, [C], 30, 0.5, 1.5),
    offset1: t(C, [C], 31, -0.5, 0.5),
    filter1: t(C * B, [1, 1, 1, C, B], 32, -0.3, 0.3),
    scale2: t(B, [B], 33, 0.5, 1.5),
    offset2: t(B, [B], 34, -0.5, 0.5),
    filter2: t(27 * B * G, [3, 3, 3, B, G], 35, -0.2, 0.2),
    running: [t(C, [C], 40), t(C, [C], 41, 0.5, 2), t(B, [B], 42), t(B, [B], 43, 0.5, 2)],
    dy: t(ROWS * G, [...LEADING, G], 50),
  };
}

type Inputs = ReturnType<typeof layerInputs>;

function pieceMap(name: string, pieces: readonly tf.Tensor[]): tf.NamedTensorMap {
  return Object.fromEntries(pieces.map((p, k) => [k === 0 ? name : `${name}${k}`, p]));
}

/** The layer kernel by kernel (BN → ReLU, 1³ conv, BN → ReLU, 3³ conv, and back), as the model runs it without the fused kernels. */
function oneByOne(v: Inputs): tf.Tensor[] {
  const engine = tf.engine();
  const [y1, mean1, variance1] = engine.runKernel(
    CtfBatchNormReluForward,
    {
      ...pieceMap('x', v.pieces),
      scale: v.scale1,
      offset: v.offset1,
    },
    { epsilon: EPSILON },
  ) as tf.Tensor[];
  const bottleneck = tf.conv3d(y1 as tf.Tensor5D, v.filter1 as tf.Tensor5D, 1, 'valid');
  const [y2, mean2, variance2] = engine.runKernel(
    CtfBatchNormReluForward,
    { x: bottleneck, scale: v.scale2, offset: v.offset2 },
    { epsilon: EPSILON },
  ) as tf.Tensor[];
  const fresh = tf.conv3d(y2 as tf.Tensor5D, v.filter2 as tf.Tensor5D, 1, 'same');
  const update = (running: tf.Tensor, batch: tf.Tensor, unbiased: boolean) =>
    tf.add(
      tf.mul(running, 1 - MOMENTUM),
      tf.mul(unbiased ? tf.mul(batch, ROWS / (ROWS - 1)) : batch, MOMENTUM),
    );
  const [rm1, rv1, rm2, rv2] = v.running;
  const updates = [
    update(rm1!, mean1!, false),
    update(rv1!, variance1!, true),
    update(rm2!, mean2!, false),
    update(rv2!, variance2!, true),
  ];
  const dFilter2 = engine.runKernel(
    tf.Conv3DBackpropFilterV2,
    { x: y2!, dy: v.dy },
    { strides: [1, 1, 1], pad: 'same', filterShape: v.filter2.shape },
  ) as tf.Tensor;
  const dY2 = engine.runKernel(
    tf.Conv3DBackpropInputV2,
    { dy: v.dy, filter: v.filter2 },
    { strides: [1, 1, 1], pad: 'same', inputShape: bottleneck.shape },
  ) as tf.Tensor;
  const [dBottleneck, dScale2, dOffset2] = engine.runKernel(
    CtfBatchNormReluBackward,
    {
      dy: dY2,
      x: bottleneck,
      scale: v.scale2,
      offset: v.offset2,
      mean: mean2!,
      variance: variance2!,
    },
    { epsilon: EPSILON },
  ) as tf.Tensor[];
  const dFilter1 = engine.runKernel(
    tf.Conv3DBackpropFilterV2,
    { x: y1!, dy: dBottleneck! },
    { strides: [1, 1, 1], pad: 'valid', filterShape: v.filter1.shape },
  ) as tf.Tensor;
  const dY1 = engine.runKernel(
    tf.Conv3DBackpropInputV2,
    { dy: dBottleneck!, filter: v.filter1 },
    { strides: [1, 1, 1], pad: 'valid', inputShape: y1!.shape },
  ) as tf.Tensor;
  const backward = engine.runKernel(
    CtfBatchNormReluBackward,
    {
      dy: dY1,
      ...pieceMap('x', v.pieces),
      ...pieceMap('accumulate', v.accumulate),
      scale: v.scale1,
      offset: v.offset1,
      mean: mean1!,
      variance: variance1!,
    },
    { epsilon: EPSILON },
  ) as tf.Tensor[];
  const [dScale1, dOffset1] = backward.slice(WIDTHS.length);
  return [
    fresh,
    bottleneck,
    tf.concat([mean1!, variance1!, mean2!, variance2!]),
    ...updates,
    ...backward.slice(0, WIDTHS.length),
    dScale1!,
    dOffset1!,
    dFilter1,
    dScale2!,
    dOffset2!,
    dFilter2,
  ];
}

/** The fused pair; `keep`: the forward pass keeps its activations and the backward pass reads them. */
function fusedPair(v: Inputs, keep: boolean): tf.Tensor[] {
  const weights = {
    scale1: v.scale1,
    offset1: v.offset1,
    filter1: v.filter1,
    scale2: v.scale2,
    offset2: v.offset2,
    filter2: v.filter2,
  };
  const [rm1, rv1, rm2, rv2] = v.running;
  const forward = tf.engine().runKernel(
    CtfDenseLayerForward,
    {
      ...pieceMap('x', v.pieces),
      ...weights,
      runningMean1: rm1!,
      runningVar1: rv1!,
      runningMean2: rm2!,
      runningVar2: rv2!,
    },
    { epsilon: EPSILON, momentum: MOMENTUM, keepActivations: keep },
  ) as tf.Tensor[];
  const [fresh, bottleneck, statistics] = forward;
  const activations = keep ? forward.slice(3, 5) : [];
  const updates = forward.slice(3 + activations.length);
  expect(forward.length).toBe(keep ? 9 : 7);
  if (keep) {
    expect(activations.map((a) => a.shape)).toEqual([
      [...LEADING, C],
      [...LEADING, B],
    ]);
  }
  const backward = tf.engine().runKernel(
    CtfDenseLayerBackward,
    {
      dy: v.dy,
      ...pieceMap('x', v.pieces),
      ...pieceMap('accumulate', v.accumulate),
      bottleneck: bottleneck!,
      statistics: statistics!,
      ...(keep ? { activated1: activations[0]!, activated2: activations[1]! } : {}),
      ...weights,
    },
    { epsilon: EPSILON, momentum: MOMENTUM },
  ) as tf.Tensor[];
  return [fresh!, bottleneck!, statistics!, ...updates, ...backward];
}

describeNative('CtfDenseLayerForward / CtfDenseLayerBackward on onednn', () => {
  it.each([
    ['recomputing the activations', false],
    ['keeping the activations', true],
  ] as const)('give the one-by-one kernels’ outputs bit for bit, %s', async (_name, keep) => {
    const reference = await runOn('onednn', () => oneByOne(layerInputs()));
    const { result: fused, calls } = await countNativeCalls(() =>
      runOn('onednn', () => fusedPair(layerInputs(), keep)),
    );
    expect(fused.length).toBe(reference.length);
    fused.forEach((values, k) => {
      expect(values, `output ${k}`).toEqual(reference[k]);
    });
    // Recomputing runs both norms again in the backward pass; keeping does not.
    expect(calls.get('batchNormReluForward')).toBe(keep ? 2 : 4);
  });

  it('names the input at fault', async () => {
    await runOn('onednn', () => {
      const v = layerInputs();
      expect(() =>
        tf.engine().runKernel(
          CtfDenseLayerForward,
          {
            ...pieceMap('x', v.pieces),
            scale1: v.scale1,
            offset1: v.offset1,
            filter1: tf.zeros([1, 1, 1, C + 1, B]),
            scale2: v.scale2,
            offset2: v.offset2,
            filter2: v.filter2,
          },
          { epsilon: EPSILON, momentum: MOMENTUM },
        ),
      ).toThrow(OneDnnError);
      expect(() =>
        tf.engine().runKernel(
          CtfDenseLayerForward,
          {
            ...pieceMap('x', v.pieces),
            scale1: v.scale1,
            offset1: v.offset1,
            filter1: v.filter1,
            scale2: v.scale2,
            offset2: v.offset2,
            filter2: v.filter2,
            runningMean1: v.running[0]!,
          },
          { epsilon: EPSILON, momentum: MOMENTUM },
        ),
      ).toThrow(/all four running statistics or none/);
      return [];
    });
  });
});
