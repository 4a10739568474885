/**
 * A fused Adam/AdamW step (torch.optim semantics), as docs/contracts.md fixes it:
 * inputs `param`, `grad`, `m`, `v` (float32, one shape); attrs {@link CtfAdamUpdateAttrs};
 * outputs `param'`, `m'`, `v'` (new tensors; the caller assigns them to its variables).
 */
export const CtfAdamUpdate = 'CtfAdamUpdate';

/** The attributes of `CtfAdamUpdate`. */
export interface CtfAdamUpdateAttrs {
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
}
