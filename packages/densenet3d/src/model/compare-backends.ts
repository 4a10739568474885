import { SeededRandom, seedFromName } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetConfig } from './config';
import { createDenseNet3d } from './create';

/** Options of {@link compareBackends}. */
export interface BackendParityOptions {
  config: DenseNetConfig;
  /** Seeds the weights, the input and the loss weighting. */
  seed: number;
  /** Registered backend names; the first is the reference (e.g. `['cpu', 'onednn']`). */
  backends: readonly string[];
  /** `[N, D, H, W, C]`. */
  inputShape: readonly [number, number, number, number, number];
  /** Compare training mode (batch statistics, default true) or inference. */
  training?: boolean;
}

/** How far one backend is from the reference. */
export interface BackendDifference {
  backend: string;
  /** Largest |logit − reference logit| over every head. */
  maxAbsLogitDifference: number;
  /** Largest |gradient − reference| over every trainable weight. */
  maxAbsGradientDifference: number;
  /** The weight where that gradient difference occurs. */
  worstGradientKey: string;
  /** Largest |running statistic − reference| after the pass (0 in inference). */
  maxAbsRunningStatisticDifference: number;
}

interface BackendRun {
  logits: Float32Array[];
  gradients: Map<string, Float32Array>;
  running: Map<string, Float32Array>;
}

function runOnce(options: BackendParityOptions): BackendRun {
  const training = options.training ?? true;
  const model = createDenseNet3d(options.config, { seed: options.seed });
  const random = new SeededRandom(seedFromName(options.seed, 'input'), 'splitmix32');
  const size = options.inputShape.reduce((product, dimension) => product * dimension, 1);
  const input = Float32Array.from({ length: size }, () => random.next());
  const x = tf.tensor5d(input, [...options.inputShape]);
  const weightsOfLoss = random.fillNormal(new Array<number>(model.config.heads.length));
  let logits: Float32Array[] = [];
  const variables = model.trainableVariables();
  const { value, grads } = tf.variableGrads(() => {
    const outputs = model.forward(x, { training }).logits;
    logits = outputs.map((output) => output.dataSync() as Float32Array);
    // Σ_h w_h · Σ logits_h², a loss whose gradient reaches every weight.
    const terms = outputs.map((output, index) =>
      tf.mul(tf.sum(tf.square(output)), weightsOfLoss[index]!),
    );
    return tf.addN(terms) as tf.Scalar;
  }, variables);
  const gradients = new Map<string, Float32Array>();
  for (const [key, variable] of model.weights) {
    const gradient = grads[variable.name];
    if (gradient !== undefined) gradients.set(key, gradient.dataSync() as Float32Array);
  }
  const running = new Map<string, Float32Array>();
  for (const [key, variable] of model.weights) {
    if (!variable.trainable) running.set(key, variable.dataSync() as Float32Array);
  }
  tf.dispose([x, value, ...Object.values(grads)]);
  model.dispose();
  return { logits, gradients, running };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let index = 0; index < a.length; index += 1)
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  return worst;
}

/**
 * Runs the same seeded model, input and loss on several backends and reports how far each
 * is from the first: logits, the gradient of every trainable weight, and the updated
 * running statistics. Needs the gradients registered (`@ct-fracture/densenet3d/register-gradients`).
 * Restores the active backend afterwards.
 * @throws DenseNetError `backend` when a backend cannot be activated.
 * @example
 * const [, onednn] = await compareBackends({ config, seed: 1, backends: ['cpu', 'onednn'], inputShape: [2, 16, 16, 16, 1] });
 * onednn.maxAbsGradientDifference < 1e-4;
 */
export async function compareBackends(options: BackendParityOptions): Promise<BackendDifference[]> {
  const previous = tf.getBackend();
  const runs: BackendRun[] = [];
  try {
    for (const backend of options.backends) {
      if (!(await tf.setBackend(backend))) {
        throw new DenseNetError({
          code: 'backend',
          message: `backend '${backend}' could not be activated`,
          value: backend,
        });
      }
      runs.push(runOnce(options));
    }
  } finally {
    await tf.setBackend(previous);
  }
  const reference = runs[0]!;
  return runs.map((run, index) => {
    let maxAbsGradientDifference = 0;
    let worstGradientKey = '';
    for (const [key, gradient] of run.gradients) {
      const difference = maxDifference(gradient, reference.gradients.get(key)!);
      if (difference >= maxAbsGradientDifference) {
        maxAbsGradientDifference = difference;
        worstGradientKey = key;
      }
    }
    let maxAbsRunningStatisticDifference = 0;
    for (const [key, values] of run.running) {
      maxAbsRunningStatisticDifference = Math.max(
        maxAbsRunningStatisticDifference,
        maxDifference(values, reference.running.get(key)!),
      );
    }
    return {
      backend: options.backends[index]!,
      maxAbsLogitDifference: Math.max(
        ...run.logits.map((logits, head) => maxDifference(logits, reference.logits[head]!)),
      ),
      maxAbsGradientDifference,
      worstGradientKey,
      maxAbsRunningStatisticDifference,
    };
  });
}
