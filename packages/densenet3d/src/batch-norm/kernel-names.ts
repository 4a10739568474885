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
