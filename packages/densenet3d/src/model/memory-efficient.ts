/**
 * Memory-efficient training stages (Pleiss et al. 2017, "Memory-Efficient Implementation of
 * DenseNets"; torchvision's `memory_efficient`): each is one custom-gradient op that keeps
 * only what cannot be recomputed cheaply and recomputes batch-norm → ReLU in the backward pass.
 *
 * - Dense block: the block's features stay separate pieces (the input and each layer's new
 *   channels) that every layer's first norm reads directly (`CtfBatchNormReluForward` over
 *   channel pieces), so nothing is concatenated until the block's output; per layer only the
 *   bottleneck convolution's output and the norms' statistics are kept. The backward pass
 *   accumulates each piece's gradient in place of tfjs's per-consumer Add/SplitV.
 * - Transition: keeps nothing but its input (already kept as the block's output).
 * - Stem (`norm0` → `relu0` → `pool0`): keeps the convolution's output only.
 * - Small stages (normalised activations within the forward pass's `keepActivationsBytes`,
 *   128 MiB by default: all of them at 64³ and batch 2) keep those activations too instead
 *   of recomputing them — the same bits, time for memory where the memory is small (a dense
 *   block only where the backend has the fused dense-layer kernels).
 * - Where the backend has the fused dense-layer kernels (`CtfDenseLayerForward` /
 *   `CtfDenseLayerBackward`), a block runs one kernel per layer each way.
 *
 * Same kernels, same order of operations and of gradient accumulation as the plain stages,
 * so the numbers are the same (tested bit for bit).
 */
import {
  type CtfDenseLayerAttrs,
  CtfDenseLayerBackward,
  CtfDenseLayerForward,
} from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { batchNormReluPieces, batchNormReluPiecesBackward } from '../batch-norm/batch-norm-relu';
import type { BatchNormReluResult } from '../batch-norm/batch-norm-relu-reference';
import {
  BATCH_NORM_EPSILON,
  BATCH_NORM_MOMENTUM,
  dropoutMask,
  type LayerContext,
  trainingValuesPerChannel,
  updateRunningStatistics,
} from './layers';
import type { EfficientForward, Module } from './module';
import { type DenseLayerPart, denseLayerPartName } from './names';
import { attachSaved, keepForGradient, recordingForGradient } from './saved-tensors';

type Pad = 'valid' | 'same';

/** One step of a memory-efficient training pass, named like the module whose output it is. */
export interface EfficientStep {
  readonly name: string;
  forward(x: tf.Tensor, context: LayerContext): tf.Tensor;
}

/**
 * The memory-efficient training pass over `modules`: each module's `efficient` step where it
 * has one (replacing the modules it spans), its plain `forward` otherwise; `inner` names the
 * modules whose output such a pass never produces (inside a multi-module step).
 */
export function efficientSteps(modules: readonly Module[]): {
  steps: EfficientStep[];
  inner: Set<string>;
} {
  const steps: EfficientStep[] = [];
  const inner = new Set<string>();
  for (let index = 0; index < modules.length; index += 1) {
    const module = modules[index]!;
    if (module.efficient === undefined) {
      steps.push(module);
      continue;
    }
    const spanned = modules.slice(index, index + (module.efficient.spans ?? 1));
    for (const covered of spanned.slice(0, -1)) inner.add(covered.name);
    steps.push({ name: spanned.at(-1)!.name, forward: module.efficient.forward });
    index += spanned.length - 1;
  }
  return { steps, inner };
}

/** Training-mode BN → ReLU of the norm `prefix` over channel pieces, updating its running estimates. */
function normaliseReluPieces(
  pieces: readonly tf.Tensor[],
  prefix: string,
  scale: tf.Tensor,
  offset: tf.Tensor,
  context: LayerContext,
): BatchNormReluResult {
  const first = pieces[0]!;
  const channels = pieces.reduce((sum, piece) => sum + piece.shape[piece.rank - 1]!, 0);
  const count = trainingValuesPerChannel([...first.shape.slice(0, -1), channels], prefix);
  const result = batchNormReluPieces(
    pieces,
    scale as tf.Tensor1D,
    offset as tf.Tensor1D,
    BATCH_NORM_EPSILON,
  );
  if (context.updateRunningStatistics)
    updateRunningStatistics(prefix, context, result.mean, result.variance, count);
  return result;
}

/** BN → ReLU recomputed from the forward pass's statistics (the same bits). */
function recompute(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor,
  offset: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
): tf.Tensor {
  const {
    y,
    mean: m,
    variance: v,
  } = batchNormReluPieces(pieces, scale as tf.Tensor1D, offset as tf.Tensor1D, BATCH_NORM_EPSILON, {
    mean: mean as tf.Tensor1D,
    variance: variance as tf.Tensor1D,
  });
  m.dispose();
  v.dispose();
  return y;
}

/** The gradients of a stride-1 convolution `conv3d(x, filter, 1, pad)` w.r.t. x and filter. */
function convolutionGradients(
  x: tf.Tensor,
  filter: tf.Tensor,
  dy: tf.Tensor,
  pad: Pad,
): { dx: tf.Tensor; dFilter: tf.Tensor } {
  const strides: [number, number, number] = [1, 1, 1];
  const engine = tf.engine();
  const dFilter = engine.runKernel(
    tf.Conv3DBackpropFilterV2,
    { x, dy },
    { strides, pad, filterShape: filter.shape },
  ) as tf.Tensor;
  const dx = engine.runKernel(
    tf.Conv3DBackpropInputV2,
    { dy, filter },
    { strides, pad, inputShape: x.shape },
  ) as tf.Tensor;
  return { dx, dFilter };
}

/**
 * Runs a custom-gradient op that keeps tensors it made for its backward pass. Under tfjs's
 * `IS_TEST` flag the engine counts every tensor a custom-gradient forward pass leaves behind,
 * other than its output, as a leak (tfjs's own ops save only inputs and outputs); these are
 * kept by design and freed by the engine after the backward pass, so the check is off for
 * the op's duration. `IS_TEST` otherwise only silences warnings.
 */
function keepingSavedTensors<T>(op: () => T): T {
  const env = tf.env();
  if (!env.getBool('IS_TEST')) return op();
  env.set('IS_TEST', false);
  try {
    return op();
  } finally {
    env.set('IS_TEST', true);
  }
}

/** Disposes tensors that are not in `keep`. */
function disposeExcept(tensors: readonly tf.Tensor[], keep: readonly tf.Tensor[]): void {
  for (const tensor of tensors) if (!keep.includes(tensor)) tensor.dispose();
}

/** A dense layer's weights in the order the block's op takes them (six per layer). */
const LAYER_WEIGHTS: ReadonlyArray<readonly [DenseLayerPart, string]> = [
  ['norm1', 'weight'],
  ['norm1', 'bias'],
  ['conv1', 'weight'],
  ['norm2', 'weight'],
  ['norm2', 'bias'],
  ['conv2', 'weight'],
];

/**
 * A dense block (`features.denseblockN`) as one custom-gradient op: the features' pieces,
 * each layer's bottleneck output and the norms' statistics are kept; BN → ReLU is recomputed.
 * @param layerNames - the block's dense layers' module names, in order.
 */
export function efficientDenseBlock(layerNames: readonly string[]): EfficientForward {
  const layers = layerNames.length;
  const keys = layerNames.flatMap((layer) =>
    LAYER_WEIGHTS.map(([part, parameter]) => `${denseLayerPartName(layer, part)}.${parameter}`),
  );
  const forward = (input: tf.Tensor, context: LayerContext): tf.Tensor => {
    const weights = keys.map((key) => context.weight(key) as tf.Tensor);
    // Recorded for a gradient: the saved tensors go on the op's tape node without clones.
    const attach = recordingForGradient();
    let toAttach: tf.Tensor[] = [];
    const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args[args.length - 1] as tf.GradSaveFunc;
      const x = args[0] as tf.Tensor;
      const w = args.slice(1, -1) as tf.Tensor[];
      const pieces: tf.Tensor[] = [x];
      // Per layer: the bottleneck and the statistics (fused: one tensor; else mean1,
      // variance1, mean2, variance2).
      const kept: tf.Tensor[] = [];
      const masks: tf.Tensor[] = [];
      const fused = backendHas(CtfDenseLayerForward) && backendHas(CtfDenseLayerBackward);
      const keep = fused && keptActivationBytes(x, w, layers) <= context.keepActivationsBytes;
      for (let layer = 0; layer < layers; layer += 1) {
        const [scale1, offset1, filter1, scale2, offset2, filter2] = w.slice(6 * layer);
        const layerName = layerNames[layer]!;
        if (fused) {
          const { fresh, bottleneck, statistics, activations } = fusedLayerForward(
            pieces,
            w.slice(6 * layer, 6 * layer + 6),
            layerName,
            context,
            keep,
          );
          const mask = dropoutMask(fresh, context);
          if (mask === undefined) pieces.push(fresh);
          else {
            pieces.push(tf.mul(fresh, mask));
            fresh.dispose();
            masks.push(mask);
          }
          kept.push(bottleneck, statistics, ...activations);
          continue;
        }
        const first = normaliseReluPieces(
          pieces,
          denseLayerPartName(layerName, 'norm1'),
          scale1!,
          offset1!,
          context,
        );
        const bottleneck = tf.conv3d(first.y as tf.Tensor5D, filter1 as tf.Tensor5D, 1, 'valid');
        first.y.dispose();
        const second = normaliseReluPieces(
          [bottleneck],
          denseLayerPartName(layerName, 'norm2'),
          scale2!,
          offset2!,
          context,
        );
        const fresh = tf.conv3d(second.y as tf.Tensor5D, filter2 as tf.Tensor5D, 1, 'same');
        second.y.dispose();
        const mask = dropoutMask(fresh, context);
        if (mask === undefined) pieces.push(fresh);
        else {
          pieces.push(tf.mul(fresh, mask));
          fresh.dispose();
          masks.push(mask);
        }
        kept.push(bottleneck, first.mean, first.variance, second.mean, second.variance);
      }
      const output = tf.concat(pieces, -1);
      const saved = [...pieces, ...kept, ...masks];
      if (attach) toAttach = keepForGradient(saved, [x, output]);
      else save(saved);
      return {
        value: output,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
          fused
            ? fusedDenseBlockGradients(dy, saved, w, layers, masks.length > 0, keep)
            : denseBlockGradients(dy, saved, w, layers, masks.length > 0),
      };
    });
    const output = keepingSavedTensors(() => run(input, ...weights));
    if (attach) attachSaved(output, toAttach);
    return output;
  };
  return { forward };
}

/** True when the active backend registers a kernel of this name. */
function backendHas(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** `{ name: pieces[0], name1: pieces[1], … }` (a kernel's channel pieces). */
function pieceMap(name: string, pieces: readonly tf.Tensor[]): tf.NamedTensorMap {
  const map: tf.NamedTensorMap = {};
  pieces.forEach((piece, k) => {
    map[k === 0 ? name : `${name}${k}`] = piece;
  });
  return map;
}

const LAYER_ATTRS: CtfDenseLayerAttrs = {
  epsilon: BATCH_NORM_EPSILON,
  momentum: BATCH_NORM_MOMENTUM,
};

/** Bytes of a block's normalised activations: Σ over layers of rows × (its input + bottleneck channels). */
function keptActivationBytes(x: tf.Tensor, w: readonly tf.Tensor[], layers: number): number {
  const rows = x.size / x.shape[x.rank - 1]!;
  let channels = x.shape[x.rank - 1]!;
  let total = 0;
  for (let layer = 0; layer < layers; layer += 1) {
    const bottleneck = w[6 * layer + 2]!.shape[4]!;
    total += rows * (channels + bottleneck) * 4;
    channels += w[6 * layer + 5]!.shape[4]!;
  }
  return total;
}

/**
 * One dense layer's forward pass through the backend's `CtfDenseLayerForward` kernel (the
 * same numbers as the layer's kernels one by one), updating both norms' running estimates.
 */
function fusedLayerForward(
  pieces: readonly tf.Tensor[],
  weights: readonly tf.Tensor[],
  layerName: string,
  context: LayerContext,
  keepActivations: boolean,
): { fresh: tf.Tensor; bottleneck: tf.Tensor; statistics: tf.Tensor; activations: tf.Tensor[] } {
  const [scale1, offset1, filter1, scale2, offset2, filter2] = weights as tf.Tensor[];
  const norm1 = denseLayerPartName(layerName, 'norm1');
  const norm2 = denseLayerPartName(layerName, 'norm2');
  const first = pieces[0]!;
  const leading = first.shape.slice(0, -1);
  const channels = pieces.reduce((sum, piece) => sum + piece.shape[piece.rank - 1]!, 0);
  // The checks the one-by-one norms make (one value per channel is refused, as PyTorch).
  trainingValuesPerChannel([...leading, channels], norm1);
  trainingValuesPerChannel([...leading, filter1!.shape[4]!], norm2);
  const runningKeys = [
    ['runningMean1', `${norm1}.running_mean`],
    ['runningVar1', `${norm1}.running_var`],
    ['runningMean2', `${norm2}.running_mean`],
    ['runningVar2', `${norm2}.running_var`],
  ] as const;
  const running: tf.NamedTensorMap = {};
  if (context.updateRunningStatistics) {
    for (const [input, key] of runningKeys) running[input] = context.weight(key);
  }
  const outputs = tf.engine().runKernel(
    CtfDenseLayerForward,
    {
      ...pieceMap('x', pieces),
      scale1: scale1!,
      offset1: offset1!,
      filter1: filter1!,
      scale2: scale2!,
      offset2: offset2!,
      filter2: filter2!,
      ...running,
    },
    { ...LAYER_ATTRS, keepActivations } as unknown as tf.NamedAttrMap,
  ) as tf.Tensor[];
  const [fresh, bottleneck, statistics] = outputs;
  const activations = outputs.slice(3, keepActivations ? 5 : 3);
  const updates = outputs.slice(keepActivations ? 5 : 3);
  if (context.updateRunningStatistics) {
    runningKeys.forEach(([, key], k) => {
      context.weight(key).assign(updates[k]!);
    });
  }
  tf.dispose(updates);
  return { fresh: fresh!, bottleneck: bottleneck!, statistics: statistics!, activations };
}

/**
 * The backward pass of {@link efficientDenseBlock} through the backend's
 * `CtfDenseLayerBackward` kernel, layer by layer as {@link denseBlockGradients}.
 */
function fusedDenseBlockGradients(
  dy: tf.Tensor,
  saved: readonly tf.Tensor[],
  w: readonly tf.Tensor[],
  layers: number,
  dropout: boolean,
  keepActivations: boolean,
): tf.Tensor[] {
  const stride = keepActivations ? 4 : 2; // bottleneck, statistics[, activated1, activated2]
  const pieces = saved.slice(0, layers + 1);
  const kept = saved.slice(layers + 1, layers + 1 + stride * layers);
  const masks = dropout ? saved.slice(layers + 1 + stride * layers) : [];
  const widths = pieces.map((piece) => piece.shape[piece.rank - 1]!);
  let accumulated = tf.split(dy, widths, -1);
  const grads: tf.Tensor[] = new Array<tf.Tensor>(6 * layers);
  for (let layer = layers - 1; layer >= 0; layer -= 1) {
    const [scale1, offset1, filter1, scale2, offset2, filter2] = w.slice(6 * layer);
    const [bottleneck, statistics, activated1, activated2] = kept.slice(stride * layer);
    const complete = accumulated[layer + 1]!;
    const dFresh = dropout ? tf.mul(complete, masks[layer]!) : complete;
    const earlier = accumulated.slice(0, layer + 1);
    const outputs = tf.engine().runKernel(
      CtfDenseLayerBackward,
      {
        dy: dFresh,
        ...pieceMap('x', pieces.slice(0, layer + 1)),
        ...pieceMap('accumulate', earlier),
        bottleneck: bottleneck!,
        statistics: statistics!,
        ...(keepActivations ? { activated1: activated1!, activated2: activated2! } : {}),
        scale1: scale1!,
        offset1: offset1!,
        filter1: filter1!,
        scale2: scale2!,
        offset2: offset2!,
        filter2: filter2!,
      },
      LAYER_ATTRS as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
    disposeExcept([dFresh, complete, ...earlier], []);
    accumulated = outputs.slice(0, layer + 1);
    grads.splice(6 * layer, 6, ...outputs.slice(layer + 1));
  }
  return [accumulated[0]!, ...grads];
}

/** The backward pass of {@link efficientDenseBlock}: [dx, then per layer the six weights' gradients]. */
function denseBlockGradients(
  dy: tf.Tensor,
  saved: readonly tf.Tensor[],
  w: readonly tf.Tensor[],
  layers: number,
  dropout: boolean,
): tf.Tensor[] {
  const pieces = saved.slice(0, layers + 1);
  const kept = saved.slice(layers + 1, layers + 1 + 5 * layers);
  const masks = dropout ? saved.slice(layers + 1 + 5 * layers) : [];
  const widths = pieces.map((piece) => piece.shape[piece.rank - 1]!);
  // The gradient of each piece so far: the block output's first (as tfjs's Concat gradient).
  let accumulated = tf.split(dy, widths, -1);
  const grads: tf.Tensor[] = new Array<tf.Tensor>(6 * layers);
  for (let layer = layers - 1; layer >= 0; layer -= 1) {
    const [scale1, offset1, filter1, scale2, offset2, filter2] = w.slice(6 * layer);
    const [bottleneck, mean1, variance1, mean2, variance2] = kept.slice(5 * layer);
    // This layer's new channels are read by no earlier layer: their gradient is complete.
    const complete = accumulated[layer + 1]!;
    const dFresh = dropout ? tf.mul(complete, masks[layer]!) : complete;
    const activated2 = recompute([bottleneck!], scale2!, offset2!, mean2!, variance2!);
    const conv2 = convolutionGradients(activated2, filter2!, dFresh, 'same');
    disposeExcept([activated2, dFresh, complete], []);
    const norm2 = batchNormReluPiecesBackward(
      conv2.dx,
      [bottleneck!],
      scale2 as tf.Tensor1D,
      offset2 as tf.Tensor1D,
      mean2 as tf.Tensor1D,
      variance2 as tf.Tensor1D,
      BATCH_NORM_EPSILON,
    );
    conv2.dx.dispose();
    const inputs = pieces.slice(0, layer + 1);
    const activated1 = recompute(inputs, scale1!, offset1!, mean1!, variance1!);
    const conv1 = convolutionGradients(activated1, filter1!, norm2.dx[0]!, 'valid');
    disposeExcept([activated1, norm2.dx[0]!], []);
    const earlier = accumulated.slice(0, layer + 1);
    const norm1 = batchNormReluPiecesBackward(
      conv1.dx,
      inputs,
      scale1 as tf.Tensor1D,
      offset1 as tf.Tensor1D,
      mean1 as tf.Tensor1D,
      variance1 as tf.Tensor1D,
      BATCH_NORM_EPSILON,
      earlier,
    );
    disposeExcept([conv1.dx, ...earlier], []);
    accumulated = norm1.dx;
    grads.splice(
      6 * layer,
      6,
      norm1.dScale,
      norm1.dOffset,
      conv1.dFilter,
      norm2.dScale,
      norm2.dOffset,
      conv2.dFilter,
    );
  }
  return [accumulated[0]!, ...grads];
}

/**
 * A transition (`features.transitionN`: BN → ReLU → 1³ conv → 2³ average pool) as one
 * custom-gradient op keeping only its input and the norm's statistics.
 * @param normName - the norm's module name; `convolutionKey` - the convolution's weight key.
 */
export function efficientTransition(normName: string, convolutionKey: string): EfficientForward {
  const forward = (input: tf.Tensor, context: LayerContext): tf.Tensor => {
    const weights = [`${normName}.weight`, `${normName}.bias`, convolutionKey].map(
      (key) => context.weight(key) as tf.Tensor,
    );
    const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, scale, offset, filter, save] = args as [
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.Tensor,
        tf.GradSaveFunc,
      ];
      const norm = normaliseReluPieces([x], normName, scale, offset, context);
      const reduced = tf.conv3d(norm.y as tf.Tensor5D, filter as tf.Tensor5D, 1, 'valid');
      const keep = norm.y.size * 4 <= context.keepActivationsBytes;
      if (!keep) norm.y.dispose();
      const pooled = tf.avgPool3d(reduced, 2, 2, 'valid');
      const reducedShape = reduced.shape;
      reduced.dispose();
      save([x, norm.mean, norm.variance, ...(keep ? [norm.y] : [])]);
      return {
        value: pooled,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [savedX, mean, variance, kept] = saved as [
            tf.Tensor,
            tf.Tensor,
            tf.Tensor,
            tf.Tensor | undefined,
          ];
          // AvgPool3DGrad reads only its input's shape: a zero-copy view of x's first values
          // in the convolution output's shape stands in for that output (not kept).
          const size = reducedShape.reduce((a, b) => a * b, 1);
          const flat = tf.reshape(savedX, [-1]);
          const head = tf.slice(flat, 0, size);
          const standIn = tf.reshape(head, reducedShape);
          const dReduced = tf
            .engine()
            .runKernel(
              tf.AvgPool3DGrad,
              { dy, input: standIn },
              { filterSize: 2, strides: 2, pad: 'valid' },
            ) as tf.Tensor;
          disposeExcept([flat, head, standIn], []);
          const activated = kept ?? recompute([savedX], scale, offset, mean, variance);
          const conv = convolutionGradients(activated, filter, dReduced, 'valid');
          disposeExcept([activated, dReduced], kept === undefined ? [] : [kept]);
          const normGrads = batchNormReluPiecesBackward(
            conv.dx,
            [savedX],
            scale as tf.Tensor1D,
            offset as tf.Tensor1D,
            mean as tf.Tensor1D,
            variance as tf.Tensor1D,
            BATCH_NORM_EPSILON,
          );
          conv.dx.dispose();
          return [normGrads.dx[0]!, normGrads.dScale, normGrads.dOffset, conv.dFilter];
        },
      };
    });
    return keepingSavedTensors(() => run(input, ...weights));
  };
  return { forward };
}

/**
 * The stem's norm → ReLU → MaxPool3d(3, 2, padding 1) (`features.norm0` → `features.relu0` →
 * `features.pool0`, three modules) as one custom-gradient op keeping only the stem
 * convolution's output and the norm's statistics.
 * @param normName - the norm's module name.
 */
export function efficientStemPool(normName: string): EfficientForward {
  return { spans: 3, forward: (x, context) => stemPool(x, normName, context) };
}

function stemPool(x: tf.Tensor, prefix: string, context: LayerContext): tf.Tensor {
  const weights = [context.weight(`${prefix}.weight`), context.weight(`${prefix}.bias`)];
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, offset, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const norm = normaliseReluPieces([input], prefix, scale, offset, context);
    const pooled = tf.maxPool3d(norm.y as tf.Tensor5D, 3, 2, 1);
    const keep = norm.y.size * 4 <= context.keepActivationsBytes;
    if (!keep) norm.y.dispose();
    save([input, norm.mean, norm.variance, pooled, ...(keep ? [norm.y] : [])]);
    return {
      value: pooled,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedInput, mean, variance, savedPooled, kept] = saved as [
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor | undefined,
        ];
        const activated = kept ?? recompute([savedInput], scale, offset, mean, variance);
        const dActivated = tf
          .engine()
          .runKernel(
            tf.MaxPool3DGrad,
            { dy, input: activated, output: savedPooled },
            { filterSize: 3, strides: 2, pad: 1 },
          ) as tf.Tensor;
        if (kept === undefined) activated.dispose();
        const normGrads = batchNormReluPiecesBackward(
          dActivated,
          [savedInput],
          scale as tf.Tensor1D,
          offset as tf.Tensor1D,
          mean as tf.Tensor1D,
          variance as tf.Tensor1D,
          BATCH_NORM_EPSILON,
        );
        dActivated.dispose();
        return [normGrads.dx[0]!, normGrads.dScale, normGrads.dOffset];
      },
    };
  });
  return keepingSavedTensors(() => run(x, ...weights));
}
