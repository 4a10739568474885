/**
 * The custom kernels of the ct-fracture model and trainer (docs/contracts.md): their names and
 * attribute types, declared once. A backend registers a kernel under the name; the model and the
 * optimiser call it through `tf.engine().runKernel(name, inputs, attrs)` and fall back to their
 * composite (pure tfjs ops) implementation — the numerical reference — when the active backend
 * has none. Named as tfjs-core names its own kernels (`Conv3D`, `Conv3DAttrs`).
 */

/**
 * Training-mode batch normalisation, forward: inputs `x` (float32, channels last, rank ≥ 2),
 * `scale` [C], `offset` [C]; attrs {@link CtfBatchNormAttrs}; outputs `y` (shape of x), `mean` [C]
 * and `variance` [C] (biased: divided by the element count per channel).
 */
export const CtfBatchNormForward = 'CtfBatchNormForward';

/**
 * Training-mode batch normalisation, backward: inputs `dy`, `x`, `scale`, `mean`, `variance`;
 * attrs {@link CtfBatchNormAttrs}; outputs `dx`, `dScale`, `dOffset` (the gradients of
 * `(x − mean) / √(variance + epsilon) · scale + offset` with `mean` and `variance` computed from x).
 */
export const CtfBatchNormBackward = 'CtfBatchNormBackward';

/**
 * Training-mode batch normalisation followed by ReLU: inputs `x` (float32, channels last,
 * rank ≥ 2) and optionally further channel pieces `x1`, `x2`, … (the same leading shape; the
 * normalised tensor is their concatenation along the last axis), `scale` [C], `offset` [C], and
 * optionally `mean` [C] and `variance` [C] to normalise with instead of the batch statistics (the
 * running statistics in inference, or a recomputation); attrs {@link CtfBatchNormAttrs};
 * outputs `y` = max(0, BN(x)), `mean` [C], `variance` [C] (biased; the given ones when passed).
 */
export const CtfBatchNormReluForward = 'CtfBatchNormReluForward';

/**
 * The gradient of {@link CtfBatchNormReluForward} (training mode): inputs `dy` [..., C], the
 * pieces `x`, `x1`, … of the forward pass, `scale`, `offset`, `mean`, `variance`, and optionally
 * `accumulate`, `accumulate1`, … (one per piece, in its shape) to add the gradients to; attrs
 * {@link CtfBatchNormAttrs}; outputs one `dx` per piece (plus its `accumulate`), `dScale`,
 * `dOffset`. The ReLU mask is recomputed from `x` and the statistics.
 */
export const CtfBatchNormReluBackward = 'CtfBatchNormReluBackward';

/**
 * The ReLU gradient from the ReLU's output: inputs `dy`, `y` (float32, one shape); output
 * `dx` = dy · step(y) (NaN where y is NaN), tfjs's `Relu` gradient.
 */
export const CtfReluBackward = 'CtfReluBackward';

/** Attributes of {@link CtfBatchNormForward}, {@link CtfBatchNormBackward} and the BN → ReLU pair. */
export type CtfBatchNormAttrs = {
  /** Added to the variance before the square root (PyTorch: 1e-5). */
  epsilon: number;
};

/**
 * A memory-efficient dense layer's training forward pass (BN → ReLU → 1³ conv → BN → ReLU →
 * 3³ conv, 'same'), in one kernel: inputs the block's feature pieces `x`, `x1`, … (float32,
 * channels last, one leading shape [n, d, h, w]; the layer reads their concatenation of C
 * channels), `scale1`, `offset1` [C], `filter1` [1, 1, 1, C, B], `scale2`, `offset2` [B],
 * `filter2` [3, 3, 3, B, G], and optionally `runningMean1`, `runningVar1` [C], `runningMean2`,
 * `runningVar2` [B]; attrs {@link CtfDenseLayerAttrs}. Outputs `fresh` [n, d, h, w, G] (the
 * layer's new channels), `bottleneck` [n, d, h, w, B] (the 1³ convolution's output),
 * `statistics` [2C + 2B] (the two norms' batch means and biased variances: mean1, variance1,
 * mean2, variance2), then, when the running statistics are given, their updates
 * `runningMean1'`, `runningVar1'`, `runningMean2'`, `runningVar2'` (PyTorch: momentum, unbiased
 * variance). The normalised tensors are not kept (the backward pass recomputes them) unless
 * `keepActivations` asks for them: then `activated1` [n, d, h, w, C] and `activated2`
 * [n, d, h, w, B] (each norm's ReLU output) follow `statistics`.
 */
export const CtfDenseLayerForward = 'CtfDenseLayerForward';

/**
 * The gradient of {@link CtfDenseLayerForward}: inputs `dy` (the gradient of `fresh`), the
 * pieces `x`, `x1`, …, optionally `accumulate`, `accumulate1`, … (one per piece, in its shape:
 * the pieces' gradients so far), `bottleneck` and `statistics` from the forward pass (and
 * optionally its `activated1`, `activated2`, used instead of recomputing them), and the six
 * weights `scale1`, `offset1`, `filter1`, `scale2`, `offset2`, `filter2`; attrs
 * {@link CtfDenseLayerAttrs}. Outputs one `dx` per piece (plus its `accumulate`), then the
 * weights' gradients `dScale1`, `dOffset1`, `dFilter1`, `dScale2`, `dOffset2`, `dFilter2`.
 */
export const CtfDenseLayerBackward = 'CtfDenseLayerBackward';

/** Attributes of {@link CtfDenseLayerForward} and {@link CtfDenseLayerBackward}. */
export type CtfDenseLayerAttrs = {
  /** Added to the variances before the square root (PyTorch: 1e-5). */
  epsilon: number;
  /** The running statistics' update: `(1 − momentum)·running + momentum·batch` (PyTorch: 0.1). */
  momentum: number;
  /** Forward: also output both norms' ReLU outputs (time for memory; default false). */
  keepActivations?: boolean;
};

/**
 * One Adam/AdamW step of one parameter, as `torch.optim.Adam`/`AdamW` (no amsgrad): inputs
 * `param`, `grad`, `m`, `v` (float32, one shape); attrs {@link CtfAdamUpdateAttrs}; outputs new
 * tensors `param'`, `m'`, `v'` (the inputs are unchanged; the caller assigns them).
 */
export const CtfAdamUpdate = 'CtfAdamUpdate';

/**
 * {@link CtfAdamUpdate} for several parameters in one kernel call (one step of the whole
 * model): inputs `param`, `grad`, `m`, `v`, then `param1`, `grad1`, `m1`, `v1`, … (each four of
 * one shape, float32); attrs {@link CtfMultiAdamUpdateAttrs}; outputs `param'`, `m'`, `v'` of
 * each parameter in turn (3 × the parameter count), the same numbers as one CtfAdamUpdate each.
 *
 * With `inPlace`, a backend may instead write a parameter's `param'`, `m'` and `v'` into the
 * storage of its `param`, `m` and `v` where nothing else can see that storage (no other tensor
 * shares it, no array of it was handed out): the outputs are then an int32 tensor of one flag
 * per parameter (1: updated in place) followed by `param'`, `m'`, `v'` of each parameter whose
 * flag is 0, in turn (1 + 3 × their count). A backend that ignores `inPlace` returns 3 × the
 * parameter count (never 1 more than a multiple of 3), which the caller tells apart.
 */
export const CtfMultiAdamUpdate = 'CtfMultiAdamUpdate';

/** Attributes of {@link CtfAdamUpdate} and {@link CtfMultiAdamUpdate}. */
export type CtfAdamUpdateAttrs = {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The 1-based step count (bias corrections use β^step). */
  step: number;
  /** L2 penalty (Adam) or decoupled decay (AdamW); 0 for none. */
  weightDecay: number;
  /** true: AdamW (param·(1 − lr·weightDecay)); false: Adam (grad + weightDecay·param). */
  decoupledWeightDecay: boolean;
};

/** Attributes of {@link CtfMultiAdamUpdate}. */
export type CtfMultiAdamUpdateAttrs = CtfAdamUpdateAttrs & {
  /**
   * Update in place where the backend can (see {@link CtfMultiAdamUpdate}): the caller
   * assigns only the parameters whose flag is 0, and keeps no other handle on the old values.
   */
  inPlace?: boolean;
};

/** Every custom kernel name, for a backend that registers them all. */
export const CUSTOM_KERNEL_NAMES: readonly string[] = [
  CtfBatchNormForward,
  CtfBatchNormBackward,
  CtfBatchNormReluForward,
  CtfBatchNormReluBackward,
  CtfReluBackward,
  CtfDenseLayerForward,
  CtfDenseLayerBackward,
  CtfAdamUpdate,
  CtfMultiAdamUpdate,
];
