import { type CtfBatchNormAttrs, CtfBatchNormReluForward } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';

function concatenated(pieces: readonly tf.Tensor[]): tf.Tensor {
  return pieces.length === 1 ? pieces[0]!.clone() : tf.concat([...pieces], -1);
}

/** The per-channel sum of `t` over every axis but the last, as [C]. */
function channelSum(t: tf.Tensor): tf.Tensor1D {
  return tf.sum(
    t,
    Array.from({ length: t.rank - 1 }, (_, axis) => axis),
  ) as tf.Tensor1D;
}

/**
 * The kernel path: `CtfBatchNormReluForward` with the running statistics, in a custom
 * gradient (the inference-mode gradient, for Grad-CAM) over the pieces, scale, offset, mean
 * and variance.
 */
function fusedInference(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): tf.Tensor {
  const count = pieces.length;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const inputs = args.slice(0, -1) as tf.Tensor[];
    save(inputs);
    const named: tf.NamedTensorMap = { scale, offset, mean, variance };
    inputs.slice(0, count).forEach((piece, k) => {
      named[k === 0 ? 'x' : `x${k}`] = piece;
    });
    const attrs: CtfBatchNormAttrs = { epsilon };
    const [y, m, v] = tf.engine().runKernel(CtfBatchNormReluForward, named, attrs) as tf.Tensor[];
    m!.dispose();
    v!.dispose();
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const [gamma, beta, mu, sigma2] = saved.slice(count) as tf.Tensor1D[];
          const x = concatenated(saved.slice(0, count));
          const inverseStd = tf.rsqrt(tf.add(sigma2!, epsilon));
          const multiplier = tf.mul(gamma!, inverseStd);
          const shift = tf.sub(beta!, tf.mul(mu!, multiplier));
          const g = tf.mul(dy, tf.step(tf.add(tf.mul(x, multiplier), shift)));
          const centred = tf.sub(x, mu!);
          const dx = tf.mul(g, multiplier);
          const widths = saved.slice(0, count).map((piece) => piece.shape[piece.rank - 1]!);
          const dPieces = count === 1 ? [dx] : tf.split(dx, widths, -1);
          const sumG = channelSum(g);
          return [
            ...dPieces,
            channelSum(tf.mul(g, tf.mul(centred, inverseStd))),
            sumG,
            tf.neg(tf.mul(sumG, multiplier)),
            tf.mul(
              channelSum(tf.mul(g, centred)),
              tf.mul(tf.mul(gamma!, tf.pow(inverseStd, 3)), -0.5),
            ),
          ];
        }),
    };
  });
  return op(...pieces, scale, offset, mean, variance);
}

/**
 * Inference-mode batch normalisation (the running statistics) followed by ReLU over the
 * concatenation of channel pieces, differentiable (Grad-CAM runs later stages under a tape):
 * one `CtfBatchNormReluForward` pass where the backend has the kernel, else `tf.batchNorm`
 * then `tf.relu` on the concatenation.
 * @param pieces - float32 `[..., C_k]` tensors of one leading shape (channels last).
 * @example
 * const y = batchNormReluInference([x], gamma, beta, runningMean, runningVar, 1e-5);
 */
export function batchNormReluInference(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): tf.Tensor {
  if (tf.getKernel(CtfBatchNormReluForward, tf.getBackend()) !== undefined) {
    return fusedInference(pieces, scale, offset, mean, variance, epsilon);
  }
  return tf.tidy(() =>
    tf.relu(tf.batchNorm(concatenated(pieces), mean, variance, offset, scale, epsilon)),
  );
}
