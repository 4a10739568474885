import type { ParameterSpec } from '../parameter-spec';

/** The weight of a bias-free `Conv3d(input, output, kernel)`: `[k, k, k, input, output]` (tfjs layout). */
export function convolutionParameter(
  name: string,
  kernel: number,
  input: number,
  output: number,
): ParameterSpec {
  return {
    key: `${name}.weight`,
    shape: [kernel, kernel, kernel, input, output],
    role: 'conv',
    trainable: true,
  };
}
