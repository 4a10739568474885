import { CtfReluBackward } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers a gradient for tfjs's `Relu` that keeps the ReLU's output instead of its input
 * (the input, e.g. a batch-normalised tensor, is then freed as soon as the ReLU has run) and
 * computes `dy · step(y)` in one `CtfReluBackward` kernel where the backend has one, else as
 * tfjs does (Step, Multiply): the same numbers either way, as step(relu(x)) = step(x).
 * Idempotent; `@ct-fracture/densenet3d/register-gradients` calls it.
 * @example
 * registerReluGradient();
 */
export function registerReluGradient(): void {
  if ((tf.getGradient(tf.Relu) as { ctf?: boolean } | undefined)?.ctf === true) return;
  const config: tf.GradConfig & { ctf: boolean } = {
    kernelName: tf.Relu,
    outputsToSave: [true],
    ctf: true,
    gradFunc: (dy, saved) => {
      const gradient = Array.isArray(dy) ? dy[0]! : dy;
      const [y] = saved as [tf.Tensor];
      return {
        x: () =>
          tf.getKernel(CtfReluBackward, tf.getBackend()) !== undefined && y.dtype === 'float32'
            ? (tf.engine().runKernel(CtfReluBackward, { dy: gradient, y }) as tf.Tensor)
            : tf.mul(gradient, tf.cast(tf.step(y), 'float32')),
      };
    },
  };
  tf.registerGradient(config);
}
