import * as tf from '@tensorflow/tfjs-core';
import {
  fusedAdamUpdate,
  fusedMultiAdamUpdate,
  hasFusedAdamKernel,
  hasMultiAdamKernel,
} from './adam-kernel';

/** Adam hyper-parameters (PyTorch names and semantics). */
export interface AdamOptions {
  /** `'adam'`: weight decay added to the gradient (L2); `'adamw'`: decoupled weight decay. */
  type: 'adam' | 'adamw';
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
}

/** An optimiser's state as plain data: the step count and both moments of every variable. */
export interface AdamState {
  /** Updates applied so far (PyTorch's `state['step']`). */
  step: number;
  /** Per variable name: first moment (`exp_avg`) and second moment (`exp_avg_sq`), flattened. */
  moments: Map<string, { m: Float32Array; v: Float32Array }>;
}

/** One parameter of a CtfMultiAdamUpdate batch. */
interface MultiAdamEntry {
  param: tf.Variable;
  grad: tf.Tensor;
  m: tf.Variable;
  v: tf.Variable;
}

/** Values per CtfMultiAdamUpdate call (4 MB of float32 per tensor kind). */
const MULTI_ADAM_ELEMENTS = 1 << 20;

/**
 * Adam and AdamW exactly as `torch.optim.Adam` / `AdamW` (single-tensor path, no amsgrad):
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε);
 * Adam adds `weightDecay·p` to g, AdamW first scales p by (1 − lr·weightDecay). The learning rate
 * is given at every step (the schedule's), and the whole state can be saved and restored exactly.
 * When the active backend registers the fused `CtfMultiAdamUpdate` kernel (docs/contracts.md;
 * the onednn backend does), float32 parameters are updated in batches of about a million values
 * per kernel call; with only `CtfAdamUpdate`, by one call each; otherwise (the cpu backend) by the
 * element-wise tfjs ops below, which are the numerical reference.
 * @example
 * const adam = new AdamOptimizer(model.weights, { type: 'adam', betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
 * adam.apply(gradients, 5e-4);
 */
export class AdamOptimizer {
  readonly options: AdamOptions;
  private stepCount = 0;
  private readonly variables: Map<string, tf.Variable>;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  /**
   * @param variables - the trainable variables by name (e.g. state_dict keys).
   */
  constructor(variables: ReadonlyMap<string, tf.Variable>, options: AdamOptions) {
    this.options = options;
    this.variables = new Map(variables);
    for (const [name, variable] of this.variables) {
      this.m.set(name, tf.variable(tf.zerosLike(variable), false));
      this.v.set(name, tf.variable(tf.zerosLike(variable), false));
    }
  }

  /** Updates applied so far. */
  get step(): number {
    return this.stepCount;
  }

  /**
   * One update. Gradients are not disposed (they stay the caller's).
   * @param gradients - by variable name; a variable without a gradient is left unchanged.
   * @param lr - this step's learning rate.
   * @throws {RangeError} for a gradient of an unknown variable or with the wrong shape.
   */
  apply(gradients: ReadonlyMap<string, tf.Tensor>, lr: number): void {
    const [beta1, beta2] = this.options.betas;
    const { eps, weightDecay, type } = this.options;
    this.stepCount += 1;
    const t = this.stepCount;
    const stepSize = lr / (1 - beta1 ** t);
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
    const fused = hasFusedAdamKernel();
    const attrs = {
      learningRate: lr,
      beta1,
      beta2,
      epsilon: eps,
      step: t,
      weightDecay,
      decoupledWeightDecay: type === 'adamw',
    };
    // Checked before anything changes: a bad gradient leaves every parameter as it was.
    for (const [name, gradient] of gradients) {
      const variable = this.variables.get(name);
      if (variable === undefined) throw new RangeError(`no variable '${name}' in this optimiser`);
      if (!tf.util.arraysEqual(variable.shape, gradient.shape)) {
        throw new RangeError(
          `the gradient of '${name}' must have shape [${variable.shape}], got [${gradient.shape}]`,
        );
      }
    }
    // Where the backend has CtfMultiAdamUpdate, float32 parameters go in batches of about
    // MULTI_ADAM_ELEMENTS values, one kernel call each: few calls, and only a batch's new
    // values alive beside the old ones.
    const multi = hasMultiAdamKernel();
    let batch: MultiAdamEntry[] = [];
    let batchElements = 0;
    const flush = () => {
      if (batch.length === 0) return;
      const entries = batch;
      batch = [];
      batchElements = 0;
      tf.tidy(() => {
        const updates = fusedMultiAdamUpdate(entries, attrs);
        entries.forEach(({ param, m, v }, k) => {
          const update = updates[k];
          if (update === undefined) return; // updated in place
          const [nextP, nextM, nextV] = update;
          m.assign(nextM);
          v.assign(nextV);
          param.assign(nextP);
        });
      });
    };
    for (const [name, gradient] of gradients) {
      const variable = this.variables.get(name)!;
      const m = this.m.get(name)!;
      const v = this.v.get(name)!;
      if (multi && variable.dtype === 'float32' && gradient.dtype === 'float32') {
        batch.push({ param: variable, grad: gradient, m, v });
        batchElements += variable.size;
        if (batchElements >= MULTI_ADAM_ELEMENTS) flush();
        continue;
      }
      if (fused && variable.dtype === 'float32' && gradient.dtype === 'float32') {
        tf.tidy(() => {
          const [nextP, nextM, nextV] = fusedAdamUpdate(variable, gradient, m, v, attrs);
          m.assign(nextM);
          v.assign(nextV);
          variable.assign(nextP);
        });
        continue;
      }
      tf.tidy(() => {
        let g: tf.Tensor = gradient;
        let p: tf.Tensor = variable;
        if (weightDecay !== 0 && type === 'adam') g = tf.add(g, tf.mul(variable, weightDecay));
        if (weightDecay !== 0 && type === 'adamw') p = tf.mul(variable, 1 - lr * weightDecay);
        const nextM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const nextV = tf.add(tf.mul(v, beta2), tf.mul(tf.mul(g, g), 1 - beta2));
        const denominator = tf.add(tf.div(tf.sqrt(nextV), biasCorrection2Sqrt), eps);
        m.assign(nextM);
        v.assign(nextV);
        variable.assign(tf.sub(p, tf.mul(tf.div(nextM, denominator), stepSize)));
      });
    }
    flush();
  }

  /** A copy of the state (step and moments), for saving. */
  async getState(): Promise<AdamState> {
    const moments = new Map<string, { m: Float32Array; v: Float32Array }>();
    for (const name of this.variables.keys()) {
      const m = (await this.m.get(name)!.data()) as Float32Array;
      const v = (await this.v.get(name)!.data()) as Float32Array;
      moments.set(name, { m: Float32Array.from(m), v: Float32Array.from(v) });
    }
    return { step: this.stepCount, moments };
  }

  /**
   * Restores a saved state.
   * @throws {RangeError} when the state lacks a variable or a moment has the wrong size.
   */
  setState(state: AdamState): void {
    for (const [name, variable] of this.variables) {
      const moments = state.moments.get(name);
      if (moments === undefined) throw new RangeError(`the optimiser state lacks '${name}'`);
      if (moments.m.length !== variable.size || moments.v.length !== variable.size) {
        throw new RangeError(
          `the optimiser state of '${name}' must have ${variable.size} values per moment, got ${moments.m.length}`,
        );
      }
      tf.tidy(() => {
        this.m.get(name)!.assign(tf.tensor(moments.m, variable.shape));
        this.v.get(name)!.assign(tf.tensor(moments.v, variable.shape));
      });
    }
    this.stepCount = state.step;
  }

  /** Frees the moment tensors. */
  dispose(): void {
    for (const tensor of [...this.m.values(), ...this.v.values()]) tensor.dispose();
    this.m.clear();
    this.v.clear();
  }
}
