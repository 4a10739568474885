/**
 * Name of the training-mode batch normalisation forward kernel (docs/contracts.md).
 * Inputs `x` (float32, channels last, rank ≥ 2), `scale` [C], `offset` [C]; attrs
 * `{ epsilon }`; outputs `y` (shape of x), `mean` [C], `variance` [C] (biased).
 */
export const CTF_BATCH_NORM_FORWARD = 'CtfBatchNormForward';

/**
 * Name of the training-mode batch normalisation backward kernel (docs/contracts.md).
 * Inputs `dy`, `x`, `scale`, `mean`, `variance`; attrs `{ epsilon }`; outputs `dx`,
 * `dScale`, `dOffset`.
 */
export const CTF_BATCH_NORM_BACKWARD = 'CtfBatchNormBackward';

/** Attributes of both batch normalisation kernels. */
export interface CtfBatchNormAttrs {
  /** Added to the variance before the square root (PyTorch: 1e-5). */
  epsilon: number;
  // tfjs attribute maps are indexable.
  [key: string]: number;
}

/**
 * Name of the fused training-mode batch normalisation + ReLU forward kernel
 * (docs/contracts.md). Inputs `x` and optionally further channel pieces `x1`, `x2`, … (the
 * normalised tensor is their concatenation along the last axis), `scale` [C], `offset` [C],
 * optionally `mean` and `variance` [C] to normalise with; attrs `{ epsilon }`; outputs `y`
 * (max(0, BN(x))), `mean` [C], `variance` [C] (biased).
 */
export const CTF_BATCH_NORM_RELU_FORWARD = 'CtfBatchNormReluForward';

/**
 * Name of the gradient kernel of `CtfBatchNormReluForward` (docs/contracts.md). Inputs `dy`,
 * the pieces `x`, `x1`, …, `scale`, `offset`, `mean`, `variance`, optionally `accumulate`,
 * `accumulate1`, … (one per piece, added to its gradient); attrs `{ epsilon }`; outputs one
 * `dx` per piece, then `dScale`, `dOffset`.
 */
export const CTF_BATCH_NORM_RELU_BACKWARD = 'CtfBatchNormReluBackward';

/**
 * Name of the ReLU gradient kernel (docs/contracts.md): inputs `dy`, `y` (the ReLU's output);
 * output `dy · step(y)`.
 */
export const CTF_RELU_BACKWARD = 'CtfReluBackward';
