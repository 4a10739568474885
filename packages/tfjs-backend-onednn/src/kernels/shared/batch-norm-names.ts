/**
 * Training-mode batch normalisation, forward (docs/contracts.md):
 * inputs `x` (float32, channels last, rank ≥ 2), `scale` [C], `offset` [C];
 * attrs `{ epsilon }`; outputs `y` (shape of x), `mean` [C], `variance` [C] (biased).
 */
export const CtfBatchNormForward = 'CtfBatchNormForward';

/**
 * Training-mode batch normalisation, backward (docs/contracts.md):
 * inputs `dy`, `x`, `scale`, `mean`, `variance`; attrs `{ epsilon }`;
 * outputs `dx`, `dScale`, `dOffset`.
 */
export const CtfBatchNormBackward = 'CtfBatchNormBackward';

/** The attributes of both batch-normalisation kernels. */
export interface CtfBatchNormAttrs {
  /** Added to the variance before the square root. */
  epsilon: number;
}
