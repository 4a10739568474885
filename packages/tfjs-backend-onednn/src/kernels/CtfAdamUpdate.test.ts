import { CtfAdamUpdate, type CtfAdamUpdateAttrs, CtfMultiAdamUpdate } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  countNativeCalls,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  relativeError,
  runOn,
} from '../test-support/native-suite';

/** @ct-fracture/trainer's AdamOptimizer.apply for one parameter, op for op (the reference). */
function composite(
  p: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  a: CtfAdamUpdateAttrs,
): tf.Tensor[] {
  const stepSize = a.learningRate / (1 - a.beta1 ** a.step);
  const bias2 = Math.sqrt(1 - a.beta2 ** a.step);
  let grad = g;
  let param = p;
  if (a.weightDecay !== 0 && !a.decoupledWeightDecay) grad = tf.add(g, tf.mul(p, a.weightDecay));
  if (a.weightDecay !== 0 && a.decoupledWeightDecay)
    param = tf.mul(p, 1 - a.learningRate * a.weightDecay);
  const nextM = tf.add(tf.mul(m, a.beta1), tf.mul(grad, 1 - a.beta1));
  const nextV = tf.add(tf.mul(v, a.beta2), tf.mul(tf.mul(grad, grad), 1 - a.beta2));
  const denominator = tf.add(tf.div(tf.sqrt(nextV), bias2), a.epsilon);
  return [tf.sub(param, tf.mul(tf.div(nextM, denominator), stepSize)), nextM, nextV];
}

const BASE: CtfAdamUpdateAttrs = {
  learningRate: 5e-4,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  step: 1,
  weightDecay: 0,
  decoupledWeightDecay: false,
};

describeNative('CtfAdamUpdate matches the composite Adam of @ct-fracture/trainer', () => {
  it.each([
    ['first step', { ...BASE }],
    ['step 1000', { ...BASE, step: 1000 }],
    ['Adam with L2 weight decay', { ...BASE, step: 7, weightDecay: 0.01 }],
    ['AdamW', { ...BASE, step: 3, weightDecay: 0.05, decoupledWeightDecay: true }],
  ] as const)('%s', async (_name, attrs) => {
    const shape = [3, 3, 3, 64, 32];
    const size = shape.reduce((a, b) => a * b, 1);
    const data = [
      randomArray(size, 1),
      randomArray(size, 2, -0.01, 0.01),
      randomArray(size, 3, -0.001, 0.001),
      randomArray(size, 4, 0, 1e-6),
    ];
    const tensors = () => data.map((d) => tf.tensor(d, shape));
    const reference = await runOn('cpu', () => {
      const [p, g, m, v] = tensors() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return composite(p, g, m, v, attrs);
    });
    const { result, calls } = await countNativeCalls(() =>
      runOn('onednn', () => {
        const [param, grad, m, v] = tensors() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        return tf
          .engine()
          .runKernel(CtfAdamUpdate, { param, grad, m, v }, { ...attrs }) as tf.Tensor[];
      }),
    );
    expect(calls.get('adamUpdate')).toBe(1);
    // The parameter change is tiny next to the parameter: compare the update itself too.
    const update = (after: Float32Array) => after.map((x, i) => x - (data[0]?.[i] ?? 0));
    expect(
      relativeError(
        update(result[0] ?? new Float32Array()),
        update(reference[0] ?? new Float32Array()),
      ),
      'update',
    ).toBeLessThanOrEqual(1e-3);
    ['param', 'm', 'v'].forEach((name, i) => {
      expect(
        relativeError(result[i] ?? new Float32Array(), reference[i] ?? new Float32Array()),
        name,
      ).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });
});

describeNative('CtfMultiAdamUpdate', () => {
  it('gives each parameter what CtfAdamUpdate gives it, bit for bit, in one native call', async () => {
    // More elements than one thread takes (2^17): the threads' ranges cross parameters.
    const shapes = [[3, 3, 3, 64, 32], [32], [7, 5], [3, 3, 3, 128, 48], [1]];
    const data = shapes.map((shape, p) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return [
        randomArray(size, 10 * p + 1),
        randomArray(size, 10 * p + 2, -0.01, 0.01),
        randomArray(size, 10 * p + 3, -0.001, 0.001),
        randomArray(size, 10 * p + 4, 0, 1e-6),
      ];
    });
    const attrs = { ...BASE, step: 5, weightDecay: 0.01 };
    const tensors = () =>
      data.map((four, p) => four.map((d) => tf.tensor(d, shapes[p])) as tf.Tensor[]);
    const single = await runOn('onednn', () =>
      tensors().flatMap(
        ([param, grad, m, v]) =>
          tf
            .engine()
            .runKernel(
              CtfAdamUpdate,
              { param: param!, grad: grad!, m: m!, v: v! },
              { ...attrs },
            ) as tf.Tensor[],
      ),
    );
    const { result: multi, calls } = await countNativeCalls(() =>
      runOn('onednn', () => {
        const inputs: tf.NamedTensorMap = {};
        tensors().forEach(([param, grad, m, v], p) => {
          const suffix = p === 0 ? '' : String(p);
          Object.assign(inputs, {
            [`param${suffix}`]: param!,
            [`grad${suffix}`]: grad!,
            [`m${suffix}`]: m!,
            [`v${suffix}`]: v!,
          });
        });
        return tf.engine().runKernel(CtfMultiAdamUpdate, inputs, { ...attrs }) as tf.Tensor[];
      }),
    );
    expect(calls.get('adamUpdateMany')).toBe(1);
    expect(calls.get('adamUpdate')).toBeUndefined();
    expect(multi.length).toBe(3 * shapes.length);
    multi.forEach((values, k) => {
      expect(values, `output ${k}`).toEqual(single[k]);
    });
  });
});
