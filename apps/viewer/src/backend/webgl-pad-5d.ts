import * as tf from '@tensorflow/tfjs-core';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type Paddings = [number, number][];

/**
 * tfjs-backend-webgl 4.22 cannot pad a rank-5 tensor: both of its pad shaders compare the
 * coordinates with `lessThan`, which GLSL has for vectors of up to 4 (a rank-5 coordinate is a
 * struct there), so the shader does not compile. The DenseNet pads `[1, D, H, W, C]` before its
 * 7³ stem convolution (MONAI's padding 3). This wraps webgl's PadV2 so that a rank-5 pad of one
 * volume (batch 1, batch not padded) runs as the same pad of the rank-4 `[D, H, W, C]`, which
 * the shaders handle; every other pad goes to the original kernel unchanged. Idempotent.
 */
export function patchWebglPad5d(): void {
  const original = tf.getKernel('PadV2', 'webgl');
  const reshape = tf.getKernel('Reshape', 'webgl');
  if (original === undefined || reshape === undefined) return;
  if ((original.kernelFunc as { ctfPad5d?: boolean }).ctfPad5d) return;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { paddings, constantValue } = args.attrs as unknown as {
      paddings: Paddings;
      constantValue: number;
    };
    const first = paddings[0] ?? [0, 0];
    if (x.shape.length !== 5 || x.shape[0] !== 1 || first[0] !== 0 || first[1] !== 0) {
      return original.kernelFunc(args);
    }
    const backend = args.backend as { disposeIntermediateTensorInfo(info: tf.TensorInfo): void };
    const x4 = reshape.kernelFunc({
      ...args,
      inputs: { x },
      attrs: { shape: x.shape.slice(1) },
    }) as tf.TensorInfo;
    const y4 = original.kernelFunc({
      ...args,
      inputs: { x: x4 },
      attrs: { paddings: paddings.slice(1), constantValue },
    } as Parameters<KernelFunc>[0]) as tf.TensorInfo;
    backend.disposeIntermediateTensorInfo(x4);
    const y = reshape.kernelFunc({
      ...args,
      inputs: { x: y4 },
      attrs: { shape: [1, ...y4.shape] },
    });
    backend.disposeIntermediateTensorInfo(y4);
    return y;
  };
  (kernelFunc as { ctfPad5d?: boolean }).ctfPad5d = true;
  tf.unregisterKernel('PadV2', 'webgl');
  tf.registerKernel({ ...original, kernelFunc });
}
