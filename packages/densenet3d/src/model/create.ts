import { seedFromName } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { DenseNetError } from '../errors/densenet-error';
import { type DenseNetConfig, validateDenseNetConfig } from './config';
import { DenseNet3d } from './dense-net-3d';
import { parameterSpecs } from './dense-net-modules';
import { initialValue } from './initialise';

/** Options of {@link createDenseNet3d}. */
export interface CreateOptions {
  /** Seed of the initialisation (and of the dropout sequence). */
  seed: number;
}

/**
 * A freshly initialised network (MONAI's initialisation, seeded: same seed → same weights
 * on every backend).
 * @throws DenseNetError `invalid-config`.
 * @example
 * const model = createDenseNet3d(
 *   { body: densenetPreset('densenet121'), heads: [{ task: 'varus', kind: 'binary', classes: ['no', 'yes'] }] },
 *   { seed: 42 },
 * );
 */
export function createDenseNet3d(config: DenseNetConfig, options: CreateOptions): DenseNet3d {
  const valid = validateDenseNetConfig(config);
  const values = new Map<string, Float32Array>();
  for (const spec of parameterSpecs(valid)) values.set(spec.key, initialValue(spec, options.seed));
  return denseNet3dFromWeights(valid, values, seedFromName(options.seed, 'dropout'));
}

/**
 * A network from given weight values in tfjs layout (convolutions `[kd, kh, kw, in, out]`,
 * Linear `[in, out]`), keyed like {@link parameterSpecs}. Tensors are copied.
 * @throws DenseNetError `missing-weight`, `unexpected-weight` or `shape-mismatch` naming the key.
 * @example
 * const copy = denseNet3dFromWeights(model.config, await readWeights());
 */
export function denseNet3dFromWeights(
  config: DenseNetConfig,
  values: ReadonlyMap<string, Float32Array | tf.Tensor>,
  dropoutSeed = 0,
): DenseNet3d {
  const valid = validateDenseNetConfig(config);
  const shapes = new Map(parameterSpecs(valid).map((spec) => [spec.key, spec.shape]));
  const tensors = new Map<string, tf.Tensor>();
  try {
    for (const [key, value] of values) {
      if (value instanceof tf.Tensor) {
        tensors.set(key, tf.clone(value));
        continue;
      }
      const shape = shapes.get(key);
      if (shape === undefined) {
        throw new DenseNetError({
          code: 'unexpected-weight',
          message: `no weight '${key}' in this architecture`,
          key,
        });
      }
      const expected = shape.reduce((product, size) => product * size, 1);
      if (value.length !== expected) {
        throw new DenseNetError({
          code: 'shape-mismatch',
          message: `weight '${key}' must have ${expected} values (shape [${shape}]), got ${value.length}`,
          key,
          value: String(value.length),
        });
      }
      tensors.set(key, tf.tensor(value, shape, 'float32'));
    }
    return new DenseNet3d(valid, tensors, dropoutSeed);
  } finally {
    for (const tensor of tensors.values()) tensor.dispose();
  }
}
