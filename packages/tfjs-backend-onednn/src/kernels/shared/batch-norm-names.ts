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

/**
 * Training-mode batch normalisation followed by ReLU (docs/contracts.md): inputs `x` (float32,
 * channels last, rank ≥ 2) and optionally further channel pieces `x1`, `x2`, … (same leading
 * shape; the normalised tensor is their concatenation along the last axis), `scale` [C],
 * `offset` [C], and optionally `mean` [C] and `variance` [C] to normalise with instead of
 * the batch statistics; attrs `{ epsilon }`; outputs `y` = max(0, BN(x)) [..., C], `mean`,
 * `variance` (biased; the given ones when passed).
 */
export const CtfBatchNormReluForward = 'CtfBatchNormReluForward';

/**
 * The gradient of `CtfBatchNormReluForward` (docs/contracts.md): inputs `dy` [..., C], `x`
 * (and the pieces `x1`, … of the forward pass), `scale`, `offset`, `mean`, `variance`, and
 * optionally `accumulate` (`accumulate1`, …: one per piece, its shape) to add the gradients
 * to; attrs `{ epsilon }`; outputs one `dx` per piece (plus its `accumulate`), `dScale`,
 * `dOffset`. The ReLU mask is recomputed from `x` and the statistics.
 */
export const CtfBatchNormReluBackward = 'CtfBatchNormReluBackward';

/**
 * The ReLU gradient from its output (docs/contracts.md): inputs `dy`, `y` (one shape,
 * float32); outputs `dx` = dy · step(y) (NaN where y is NaN), tfjs's `Relu` gradient.
 */
export const CtfReluBackward = 'CtfReluBackward';

/**
 * The inputs of a kernel that takes channel pieces `name`, `name1`, `name2`, … in order
 * (until the first missing one).
 */
export function pieceInputs<T>(inputs: Record<string, T | undefined>, name: string): T[] {
  const first = inputs[name];
  if (first === undefined) return [];
  const pieces = [first];
  for (let k = 1; ; k++) {
    const next = inputs[`${name}${k}`];
    if (next === undefined) return pieces;
    pieces.push(next);
  }
}
