import {
  type CtfDenseLayerAttrs,
  CtfDenseLayerBackward,
  CtfDenseLayerForward,
} from '@ct-fracture/core';
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { ConvGeometry } from '../addon/addon-types';
import type { OneDnnBackend } from '../backend/onednn-backend';
import { OneDnnError } from '../errors/onednn-error';
import {
  type ChannelPieces,
  channelPieces,
  channelVector,
  pieceInputs,
} from './shared/channel-pieces';
import { convGeometry } from './shared/geometry';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/**
 * The fused dense layer runs the same native functions, in the same order and on the same
 * geometries, as the layer's kernels one by one (CtfBatchNormReluForward, Conv3D, …): the same
 * bits, without a tfjs kernel call, a tensor and a tape entry per step. The normalised
 * tensors and the input gradients between the steps are pool buffers recycled at once.
 */

/** Inputs of CtfDenseLayerForward / CtfDenseLayerBackward (pieces are `x`, `x1`, …). */
export type CtfDenseLayerInputs = Record<string, TensorInfo | undefined>;

type Shape5 = [number, number, number, number, number];

/** A filter's values, checked against its expected shape (`undefined`: any positive size). */
function filterValues(
  backend: OneDnnBackend,
  kernelName: string,
  name: string,
  t: TensorInfo | undefined,
  expected: readonly (number | undefined)[],
): { values: Float32Array; shape: Shape5 } {
  const values = t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
  const fits =
    t !== undefined &&
    t.shape.length === 5 &&
    expected.every((d, i) => (d === undefined ? (t.shape[i] ?? 0) > 0 : t.shape[i] === d));
  if (t === undefined || values === undefined || !fits) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${kernelName} needs ${name} as float32 [${expected.map((d) => d ?? '*')}], got ${t === undefined ? 'none' : `${t.dtype} [${t.shape}]`}`,
      where: kernelName,
      value: t?.shape,
    });
  }
  return { values, shape: t.shape as Shape5 };
}

/** The pieces, which must be [n, d, h, w, channels]. */
function layerPieces(backend: OneDnnBackend, kernelName: string, inputs: CtfDenseLayerInputs) {
  const infos = pieceInputs(inputs, 'x');
  const pieces = channelPieces(kernelName, backend, infos);
  if (pieces.shape.length !== 5) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${kernelName} needs pieces of rank 5 [n, d, h, w, channels], got [${pieces.shape}]`,
      where: kernelName,
      value: pieces.shape,
    });
  }
  return { infos, pieces };
}

/** Geometries by input shape, filter shape and padding (a network has a few dozen). */
const geometries = new Map<string, ConvGeometry>();
const MAX_GEOMETRIES = 512;

/**
 * The stride-1 convolution geometry of an input and filter shape, computed once per shape:
 * tfjs's computeConv3DInfo costs more than the rest of a small layer's JavaScript.
 */
function layerGeometry(input: Shape5, filter: Shape5, pad: 'valid' | 'same'): ConvGeometry {
  const key = `${input.join(',')};${filter.join(',')};${pad}`;
  let geometry = geometries.get(key);
  if (geometry === undefined) {
    geometry = convGeometry(backend_util.computeConv3DInfo(input, filter, 1, 1, pad));
    if (geometries.size >= MAX_GEOMETRIES) geometries.clear();
    geometries.set(key, geometry);
  }
  return geometry;
}

/** The layer's weights: both norms' scale and offset, both filters, and their geometries. */
function layerWeights(
  backend: OneDnnBackend,
  kernelName: string,
  inputs: CtfDenseLayerInputs,
  pieces: ChannelPieces,
) {
  const c = pieces.channels;
  const filter1 = filterValues(backend, kernelName, 'filter1', inputs.filter1, [
    1,
    1,
    1,
    c,
    undefined,
  ]);
  const b = filter1.shape[4];
  const filter2 = filterValues(backend, kernelName, 'filter2', inputs.filter2, [
    3,
    3,
    3,
    b,
    undefined,
  ]);
  const g = filter2.shape[4];
  const leading = pieces.shape.slice(0, 4);
  const geometry = (channels: number, filter: Shape5, pad: 'valid' | 'same'): ConvGeometry =>
    layerGeometry([...leading, channels] as Shape5, filter, pad);
  return {
    c,
    b,
    g,
    leading,
    filter1: filter1.values,
    filter2: filter2.values,
    scale1: channelVector(kernelName, backend, 'scale1', inputs.scale1, c),
    offset1: channelVector(kernelName, backend, 'offset1', inputs.offset1, c),
    scale2: channelVector(kernelName, backend, 'scale2', inputs.scale2, b),
    offset2: channelVector(kernelName, backend, 'offset2', inputs.offset2, b),
    geometry1: geometry(c, filter1.shape, 'valid'),
    geometry2: geometry(b, filter2.shape, 'same'),
  };
}

/** The float32 values of a tensor of exactly `length` elements. */
function exactValues(
  backend: OneDnnBackend,
  kernelName: string,
  name: string,
  t: TensorInfo | undefined,
  length: number,
): Float32Array {
  const values = t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
  if (t === undefined || values === undefined || values.length !== length) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${kernelName} needs ${name} as float32 of ${length} values, got ${t === undefined ? 'none' : `${t.dtype} [${t.shape}]`}`,
      where: kernelName,
      value: t?.shape,
    });
  }
  return values;
}

/**
 * PyTorch's running-estimate update in float32, operation by operation as the model's
 * composite update rounds it: `(1 − m)·running + m·mean`, and for the variance the batch's
 * biased variance times count/(count − 1).
 */
function updateRunning(
  out: Float32Array,
  running: Float32Array,
  batch: Float32Array,
  momentum: number,
  factor: number,
): Float32Array {
  const keep = Math.fround(1 - momentum);
  const m = Math.fround(momentum);
  const f = Math.fround(factor);
  for (let i = 0; i < out.length; i++) {
    const value = factor === 1 ? (batch[i] ?? 0) : Math.fround((batch[i] ?? 0) * f);
    out[i] = Math.fround((running[i] ?? 0) * keep) + Math.fround(value * m);
  }
  return out;
}

/**
 * A memory-efficient dense layer's training forward pass, natively: returns [fresh,
 * bottleneck, statistics] and, when the running statistics are passed, their four updates.
 * @throws {OneDnnError} `invalid-input` for inputs the kernel does not take.
 */
export function ctfDenseLayerForward(
  args: OneDnnKernelArgs<CtfDenseLayerInputs, CtfDenseLayerAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const name = CtfDenseLayerForward;
  const { pieces } = layerPieces(backend, name, inputs);
  const w = layerWeights(backend, name, inputs, pieces);
  const { rows, c } = { rows: pieces.rows, c: w.c };
  const { b, g } = w;
  const runningNames = ['runningMean1', 'runningVar1', 'runningMean2', 'runningVar2'] as const;
  const given = runningNames.filter((key) => inputs[key] !== undefined);
  if (given.length !== 0 && given.length !== 4) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${name} needs all four running statistics or none, got ${given.join(', ')}`,
      where: name,
    });
  }
  // Small outputs come from the pool too (every value is written).
  const statistics = backend.allocate(2 * c + 2 * b);
  const mean1 = statistics.subarray(0, c);
  const variance1 = statistics.subarray(c, 2 * c);
  const mean2 = statistics.subarray(2 * c, 2 * c + b);
  const variance2 = statistics.subarray(2 * c + b);
  const common = { rows, epsilon: attrs.epsilon, relu: true };
  const activated1 = backend.allocate(rows * c);
  backend.native.batchNormReluForward({
    ...common,
    pieces: pieces.values,
    widths: pieces.widths,
    scale: w.scale1,
    offset: w.offset1,
    y: activated1,
    meanOut: mean1,
    varianceOut: variance1,
  });
  const bottleneck = backend.allocate(rows * b);
  backend.native.conv3dForward(activated1, w.filter1, bottleneck, w.geometry1);
  const activated2 = backend.allocate(rows * b);
  backend.native.batchNormReluForward({
    ...common,
    pieces: [bottleneck],
    widths: [b],
    scale: w.scale2,
    offset: w.offset2,
    y: activated2,
    meanOut: mean2,
    varianceOut: variance2,
  });
  const fresh = backend.allocate(rows * g);
  backend.native.conv3dForward(activated2, w.filter2, fresh, w.geometry2);
  const outputs = [
    backend.makeTensorInfo([...w.leading, g], 'float32', fresh),
    backend.makeTensorInfo([...w.leading, b], 'float32', bottleneck),
    backend.makeTensorInfo([2 * c + 2 * b], 'float32', statistics),
  ];
  if (attrs.keepActivations === true) {
    outputs.push(
      backend.makeTensorInfo([...w.leading, c], 'float32', activated1),
      backend.makeTensorInfo([...w.leading, b], 'float32', activated2),
    );
  } else {
    backend.pool.recycle(activated1);
    backend.pool.recycle(activated2);
  }
  if (given.length === 4) {
    const unbiased = rows / (rows - 1);
    const [m1, v1, m2, v2] = runningNames.map((key, k) =>
      exactValues(backend, name, key, inputs[key], k < 2 ? c : b),
    ) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const updates = [
      updateRunning(backend.allocate(c), m1, mean1, attrs.momentum, 1),
      updateRunning(backend.allocate(c), v1, variance1, attrs.momentum, unbiased),
      updateRunning(backend.allocate(b), m2, mean2, attrs.momentum, 1),
      updateRunning(backend.allocate(b), v2, variance2, attrs.momentum, unbiased),
    ];
    for (const update of updates) {
      outputs.push(backend.makeTensorInfo([update.length], 'float32', update));
    }
  }
  return outputs;
}

/**
 * The gradient of CtfDenseLayerForward, natively: returns one dx per piece (plus its
 * `accumulate` when given), then dScale1, dOffset1, dFilter1, dScale2, dOffset2, dFilter2.
 * @throws {OneDnnError} `invalid-input` for inputs the kernel does not take.
 */
export function ctfDenseLayerBackward(
  args: OneDnnKernelArgs<CtfDenseLayerInputs, CtfDenseLayerAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const name = CtfDenseLayerBackward;
  const { infos, pieces } = layerPieces(backend, name, inputs);
  const w = layerWeights(backend, name, inputs, pieces);
  const { rows } = pieces;
  const { b, c, g } = w;
  const dy = exactValues(backend, name, 'dy', inputs.dy, rows * g);
  const bottleneck = exactValues(backend, name, 'bottleneck', inputs.bottleneck, rows * b);
  const statistics = exactValues(backend, name, 'statistics', inputs.statistics, 2 * c + 2 * b);
  const accumulateInfos = pieceInputs(inputs, 'accumulate');
  if (accumulateInfos.length !== 0 && accumulateInfos.length !== infos.length) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${name} needs one accumulate input per piece (${infos.length}) or none, got ${accumulateInfos.length}`,
      where: name,
    });
  }
  const accumulate = accumulateInfos.map((t, k) =>
    exactValues(backend, name, `accumulate${k === 0 ? '' : k}`, t, rows * (pieces.widths[k] ?? 0)),
  );
  const mean1 = statistics.subarray(0, c);
  const variance1 = statistics.subarray(c, 2 * c);
  const mean2 = statistics.subarray(2 * c, 2 * c + b);
  const variance2 = statistics.subarray(2 * c + b);
  const common = { rows, epsilon: attrs.epsilon, relu: true };

  // The second norm and the 3³ convolution (its input recomputed unless it was kept).
  const kept2 = inputs.activated2;
  const activated2 =
    kept2 === undefined
      ? backend.allocate(rows * b)
      : exactValues(backend, name, 'activated2', kept2, rows * b);
  if (kept2 === undefined) {
    backend.native.batchNormReluForward({
      ...common,
      pieces: [bottleneck],
      widths: [b],
      scale: w.scale2,
      offset: w.offset2,
      y: activated2,
      mean: mean2,
      variance: variance2,
    });
  }
  const dFilter2 = backend.allocate(w.filter2.length);
  backend.native.conv3dBackwardWeights(activated2, dy, dFilter2, w.geometry2);
  const dActivated2 = backend.allocate(rows * b);
  backend.native.conv3dBackwardData(dy, w.filter2, dActivated2, w.geometry2);
  if (kept2 === undefined) backend.pool.recycle(activated2);
  const dBottleneck = backend.allocate(rows * b);
  const dScale2 = backend.allocate(b);
  const dOffset2 = backend.allocate(b);
  backend.native.batchNormReluBackward({
    ...common,
    dy: dActivated2,
    pieces: [bottleneck],
    widths: [b],
    scale: w.scale2,
    offset: w.offset2,
    mean: mean2,
    variance: variance2,
    dx: [dBottleneck],
    dScale: dScale2,
    dOffset: dOffset2,
  });
  backend.pool.recycle(dActivated2);

  // The first norm and the 1³ convolution.
  const kept1 = inputs.activated1;
  const activated1 =
    kept1 === undefined
      ? backend.allocate(rows * c)
      : exactValues(backend, name, 'activated1', kept1, rows * c);
  if (kept1 === undefined) {
    backend.native.batchNormReluForward({
      ...common,
      pieces: pieces.values,
      widths: pieces.widths,
      scale: w.scale1,
      offset: w.offset1,
      y: activated1,
      mean: mean1,
      variance: variance1,
    });
  }
  const dFilter1 = backend.allocate(w.filter1.length);
  backend.native.conv3dBackwardWeights(activated1, dBottleneck, dFilter1, w.geometry1);
  const dActivated1 = backend.allocate(rows * c);
  backend.native.conv3dBackwardData(dBottleneck, w.filter1, dActivated1, w.geometry1);
  if (kept1 === undefined) backend.pool.recycle(activated1);
  backend.pool.recycle(dBottleneck);
  const dx = pieces.widths.map((width) => backend.allocate(rows * width));
  const dScale1 = backend.allocate(c);
  const dOffset1 = backend.allocate(c);
  backend.native.batchNormReluBackward({
    ...common,
    dy: dActivated1,
    pieces: pieces.values,
    widths: pieces.widths,
    scale: w.scale1,
    offset: w.offset1,
    mean: mean1,
    variance: variance1,
    dx,
    ...(accumulate.length === 0 ? {} : { accumulate }),
    dScale: dScale1,
    dOffset: dOffset1,
  });
  backend.pool.recycle(dActivated1);
  const filterShape = (values: Float32Array, shape: readonly number[]) =>
    backend.makeTensorInfo([...shape], 'float32', values);
  return [
    ...dx.map((values, k) => backend.makeTensorInfo(infos[k]?.shape ?? [], 'float32', values)),
    backend.makeTensorInfo([c], 'float32', dScale1),
    backend.makeTensorInfo([c], 'float32', dOffset1),
    filterShape(dFilter1, inputs.filter1?.shape ?? []),
    backend.makeTensorInfo([b], 'float32', dScale2),
    backend.makeTensorInfo([b], 'float32', dOffset2),
    filterShape(dFilter2, inputs.filter2?.shape ?? []),
  ];
}

/** Kernel config: CtfDenseLayerForward on `onednn`. */
export const ctfDenseLayerForwardConfig = oneDnnKernel(CtfDenseLayerForward, ctfDenseLayerForward);

/** Kernel config: CtfDenseLayerBackward on `onednn`. */
export const ctfDenseLayerBackwardConfig = oneDnnKernel(
  CtfDenseLayerBackward,
  ctfDenseLayerBackward,
);
