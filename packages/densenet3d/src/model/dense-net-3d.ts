import { SeededRandom } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { DenseNetError } from '../errors/densenet-error';
import { type DenseNetConfig, validateDenseNetConfig } from './config';
import { bodyModules, headModules, outputSpatialSize, parameterSpecs } from './dense-net-modules';
import { KEEP_ACTIVATIONS_BYTES, type LayerContext } from './layers';
import { type EfficientStep, efficientSteps } from './memory-efficient';
import type { Module } from './module';

/** Options of {@link DenseNet3d.forward}. */
export interface ForwardOptions {
  /** Training mode: batch statistics in the norms, dropout active (default false). */
  training?: boolean;
  /** Update the norms' running statistics (default: `training`). */
  updateRunningStatistics?: boolean;
  /**
   * Stage outputs to return as well (MONAI module names, see {@link DenseNet3d.stageNames}),
   * e.g. `['class_layers.relu']` for Grad-CAM. The caller disposes them.
   */
  capture?: readonly string[];
  /**
   * Treat `x` as the output of this stage and run only what follows it (e.g. the heads from
   * a captured `class_layers.relu` activation, to differentiate logits w.r.t. it).
   */
  startAfter?: string;
  /** Seed of this pass's dropout masks (default: the model's own sequence). */
  dropoutSeed?: number;
  /**
   * In training, run the memory-efficient stages (Pleiss et al. 2017): dense blocks,
   * transitions and the stem's norm → ReLU → pool as custom-gradient ops that recompute
   * batch-norm → ReLU in the backward pass instead of keeping it, and never concatenate a
   * block's features before its output. Same numbers, a fraction of the memory (default true;
   * ignored in inference, and the plain stages run when `capture`/`startAfter` names a stage
   * inside a fused one: `features.norm0`, `features.relu0`).
   */
  memoryEfficient?: boolean;
  /**
   * With `memoryEfficient`: the most bytes of normalised activations (batch-norm → ReLU
   * outputs) a stage keeps for the backward pass instead of recomputing them — the stem's norm,
   * a transition, or a dense block's layers (where the backend has the fused dense-layer
   * kernels). The same numbers either way; keeping is faster, recomputing leaner. Default
   * 128 MiB: at 64³ and batch 2 every stage keeps; at 128³ the largest recompute (the first two
   * dense blocks, and at batch 4 also the stem, the first transition and the third block).
   * 0 recomputes everything (Pleiss et al.).
   */
  keepActivationsBytes?: number;
}

/** Output of a forward pass. */
export interface ForwardResult {
  /** Logits per head, in `config.heads` order: `[N, classes]` (multiclass) or `[N, 1]` (binary). */
  logits: tf.Tensor2D[];
  /** The requested stage outputs, by stage name. */
  captured: Map<string, tf.Tensor>;
}

let instanceCounter = 0;

/**
 * A MONAI-equivalent 3D DenseNet with one Linear head per task, on tfjs-core ops only (any
 * backend). Weights are tf.Variables named by MONAI state_dict keys (`weights`); inputs are
 * `[N, D, H, W, C]` float32 with D, H, W = NIfTI axes i, j, k.
 * Create with {@link createDenseNet3d} or {@link denseNet3dFromWeights}.
 * @example
 * const model = createDenseNet3d(config, { seed: 1 });
 * const { logits } = model.forward(tf.zeros([1, 64, 64, 64, 1]));
 */
export class DenseNet3d {
  /** The validated configuration (JSON-serialisable). */
  readonly config: DenseNetConfig;
  /** Every weight by state_dict key, in {@link parameterSpecs} order. */
  readonly weights: ReadonlyMap<string, tf.Variable>;
  private readonly stages: Module[];
  private readonly heads: Module[];
  /** The memory-efficient training pass, and the stages it never outputs. */
  private readonly efficient: { steps: EfficientStep[]; inner: Set<string> };
  private dropoutCalls = 0;
  private readonly dropoutBaseSeed: number;
  private disposed = false;

  /**
   * Takes ownership of `values` (tensors in tfjs layout, keyed like parameterSpecs).
   * @throws DenseNetError `missing-weight` / `shape-mismatch` / `unexpected-weight`.
   */
  constructor(config: DenseNetConfig, values: ReadonlyMap<string, tf.Tensor>, dropoutSeed = 0) {
    this.config = validateDenseNetConfig(config);
    const specs = parameterSpecs(this.config);
    const known = new Set(specs.map((spec) => spec.key));
    for (const key of values.keys()) {
      if (!known.has(key)) {
        throw new DenseNetError({
          code: 'unexpected-weight',
          message: `no weight '${key}' in this architecture`,
          key,
        });
      }
    }
    instanceCounter += 1;
    const instance = instanceCounter;
    const weights = new Map<string, tf.Variable>();
    for (const spec of specs) {
      const value = values.get(spec.key);
      if (value === undefined) {
        throw new DenseNetError({
          code: 'missing-weight',
          message: `weight '${spec.key}' is missing`,
          key: spec.key,
        });
      }
      if (!tf.util.arraysEqual(value.shape, spec.shape)) {
        throw new DenseNetError({
          code: 'shape-mismatch',
          message: `weight '${spec.key}' must have shape [${spec.shape}], got [${value.shape}]`,
          key: spec.key,
          value: JSON.stringify(value.shape),
        });
      }
      weights.set(
        spec.key,
        tf.variable(value, spec.trainable, `densenet3d_${instance}/${spec.key}`),
      );
    }
    this.weights = weights;
    this.stages = bodyModules(this.config.body);
    this.heads = headModules(this.config);
    this.efficient = efficientSteps(this.stages);
    this.dropoutBaseSeed = dropoutSeed >>> 0;
  }

  /** Names accepted by `capture` and `startAfter`, in execution order. */
  get stageNames(): string[] {
    return this.stages.map((stage) => stage.name);
  }

  /** The trainable variables (no running statistics), in state_dict order. */
  trainableVariables(): tf.Variable[] {
    return [...this.weights.values()].filter((variable) => variable.trainable);
  }

  private weight(key: string): tf.Variable {
    const variable = this.weights.get(key);
    if (variable === undefined)
      throw new DenseNetError({
        code: 'missing-weight',
        message: `weight '${key}' is missing`,
        key,
      });
    return variable;
  }

  private checkInput(x: tf.Tensor, startIndex: number): void {
    if (this.disposed)
      throw new DenseNetError({ code: 'invalid-input', message: 'the model has been disposed' });
    if (startIndex > 0) return;
    const { inChannels } = this.config.body;
    if (x.rank !== 5 || x.shape[4] !== inChannels || x.dtype !== 'float32') {
      throw new DenseNetError({
        code: 'invalid-input',
        message: `input must be float32 [N, D, H, W, ${inChannels}], got ${x.dtype} [${x.shape}]`,
        value: JSON.stringify(x.shape),
      });
    }
    for (const size of x.shape.slice(1, 4)) {
      if (outputSpatialSize(size, this.config.body) < 1) {
        throw new DenseNetError({
          code: 'invalid-input',
          message: `input spatial size ${size} is too small for ${this.config.body.blockConfig.length} blocks (downsampled to 0), got [${x.shape}]`,
          value: JSON.stringify(x.shape),
        });
      }
    }
  }

  private stageIndex(
    name: string,
    stages: ReadonlyArray<Pick<Module, 'name'>> = this.stages,
  ): number {
    const index = stages.findIndex((stage) => stage.name === name);
    if (index < 0) {
      throw new DenseNetError({
        code: 'invalid-input',
        message: `stage must be one of ${this.stageNames.join(', ')}, got '${name}'`,
        value: name,
      });
    }
    return index;
  }

  /**
   * Runs the network. Intermediates are disposed as soon as they are used, so a pass needs
   * no surrounding `tf.tidy`; `x` stays the caller's. Works inside `tf.grads` /
   * `optimizer.minimize` (training-mode norms differentiate through the batch statistics).
   * @param x - `[N, D, H, W, inChannels]` float32 (or a stage output with `startAfter`).
   * @throws DenseNetError `invalid-input` for a wrong shape, dtype or stage name.
   * @example
   * const { logits } = model.forward(tf.zeros([1, 32, 32, 32, 1]));
   */
  forward(x: tf.Tensor, options: ForwardOptions = {}): ForwardResult {
    const training = options.training ?? false;
    const keep = options.keepActivationsBytes;
    if (keep !== undefined && !(Number.isFinite(keep) && keep >= 0)) {
      throw new DenseNetError({
        code: 'invalid-input',
        message: `keepActivationsBytes must be a non-negative number of bytes, got ${keep}`,
        key: 'keepActivationsBytes',
        value: String(keep),
      });
    }
    const capture = new Set(options.capture ?? []);
    for (const name of capture) this.stageIndex(name);
    if (options.startAfter !== undefined) this.stageIndex(options.startAfter);
    const stages = this.stagesFor(training && (options.memoryEfficient ?? true), [
      ...capture,
      ...(options.startAfter === undefined ? [] : [options.startAfter]),
    ]);
    const startIndex =
      options.startAfter === undefined ? 0 : this.stageIndex(options.startAfter, stages) + 1;
    this.checkInput(x, startIndex);
    const { dropoutProb } = this.config.body;
    let random: LayerContext['random'];
    if (training && dropoutProb > 0) {
      this.dropoutCalls += 1;
      const seed = options.dropoutSeed ?? this.dropoutBaseSeed + this.dropoutCalls * 0x9e3779b1;
      random = new SeededRandom(seed >>> 0, 'splitmix32');
    }
    const context: LayerContext = {
      weight: (key) => this.weight(key),
      training,
      updateRunningStatistics: options.updateRunningStatistics ?? training,
      dropoutProb,
      random,
      keepActivationsBytes: options.keepActivationsBytes ?? KEEP_ACTIVATIONS_BYTES,
    };
    const captured = new Map<string, tf.Tensor>();
    let current = x;
    for (const stage of stages.slice(startIndex)) {
      const output = stage.forward(current, context);
      if (current !== x && !isCaptured(captured, current)) current.dispose();
      if (capture.has(stage.name)) captured.set(stage.name, output);
      current = output;
    }
    const logits = this.heads.map((head) => head.forward(current, context) as tf.Tensor2D);
    if (current !== x && !isCaptured(captured, current)) current.dispose();
    return { logits, captured };
  }

  /** The memory-efficient stages when asked for and no stage named in `named` is inside a fused one. */
  private stagesFor(
    memoryEfficient: boolean,
    named: readonly string[],
  ): ReadonlyArray<Pick<Module, 'name' | 'forward'>> {
    if (!memoryEfficient) return this.stages;
    const { steps, inner } = this.efficient;
    return named.some((name) => inner.has(name)) ? this.stages : steps;
  }

  /** Frees every weight. The model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const variable of this.weights.values()) variable.dispose();
  }
}

function isCaptured(captured: Map<string, tf.Tensor>, tensor: tf.Tensor): boolean {
  for (const value of captured.values()) if (value === tensor) return true;
  return false;
}
