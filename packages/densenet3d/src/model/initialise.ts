import { SeededRandom, seedFromName } from '@ct-fracture/core';
import type { DenseNetConfig } from './config';
import { parameterSpecs } from './dense-net-modules';
import type { ParameterSpec } from './parameter-spec';

function size(shape: readonly number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

/**
 * The initial value of one weight, as MONAI initialises it: convolutions Kaiming normal
 * (fan in, gain √2), norm weight 1 / bias 0 / running mean 0 / running var 1, Linear weight
 * PyTorch's default U(−1/√in, 1/√in) and bias 0. Each weight draws from its own stream
 * seeded by `(seed, key)` (`@ct-fracture/core`'s `SeededRandom` on `splitmix32`), so adding a
 * head does not change the body's values.
 */
export function initialValue(spec: ParameterSpec, seed: number): Float32Array {
  const values = new Float32Array(size(spec.shape));
  switch (spec.role) {
    case 'conv': {
      const random = new SeededRandom(seedFromName(seed, spec.key), 'splitmix32');
      const fanIn = size(spec.shape.slice(0, 4));
      random.fillNormal(values, Math.sqrt(2 / fanIn));
      break;
    }
    case 'linear-weight': {
      const random = new SeededRandom(seedFromName(seed, spec.key), 'splitmix32');
      const bound = 1 / Math.sqrt(spec.shape[0]!);
      for (let index = 0; index < values.length; index += 1) {
        values[index] = (random.next() * 2 - 1) * bound;
      }
      break;
    }
    case 'norm-weight':
    case 'norm-running-var':
      values.fill(1);
      break;
    case 'norm-bias':
    case 'norm-running-mean':
    case 'linear-bias':
      break;
  }
  return values;
}

/**
 * Seeded initial values of every weight of a network, keyed like {@link parameterSpecs}.
 * @example
 * const values = initialWeights(config, 42);
 */
export function initialWeights(config: DenseNetConfig, seed: number): Map<string, Float32Array> {
  return new Map(parameterSpecs(config).map((spec) => [spec.key, initialValue(spec, seed)]));
}
