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
 * One Adam/AdamW step of one parameter, as `torch.optim.Adam`/`AdamW` (no amsgrad): inputs
 * `param`, `grad`, `m`, `v` (float32, one shape); attrs {@link CtfAdamUpdateAttrs}; outputs new
 * tensors `param'`, `m'`, `v'` (the inputs are unchanged; the caller assigns them).
 */
export const CtfAdamUpdate = 'CtfAdamUpdate';

/** Attributes of {@link CtfAdamUpdate}. */
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

/** Every custom kernel name, for a backend that registers them all. */
export const CUSTOM_KERNEL_NAMES: readonly string[] = [
  CtfBatchNormForward,
  CtfBatchNormBackward,
  CtfBatchNormReluForward,
  CtfBatchNormReluBackward,
  CtfReluBackward,
  CtfAdamUpdate,
];
