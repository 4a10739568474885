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

/** Seeded param, grad, m and v values for each shape (grads, moments at their usual scales). */
function adamData(shapes: readonly number[][]): Float32Array[][] {
  return shapes.map((shape, p) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return [
      randomArray(size, 10 * p + 1),
      randomArray(size, 10 * p + 2, -0.01, 0.01),
      randomArray(size, 10 * p + 3, -0.001, 0.001),
      randomArray(size, 10 * p + 4, 0, 1e-6),
    ];
  });
}

/** CtfMultiAdamUpdate's inputs: each parameter's four tensors as `param`, `grad`, `m`, `v`, `param1`, …. */
function multiInputs(tensors: readonly tf.Tensor[][]): tf.NamedTensorMap {
  const inputs: tf.NamedTensorMap = {};
  tensors.forEach(([param, grad, m, v], p) => {
    const suffix = p === 0 ? '' : String(p);
    Object.assign(inputs, {
      [`param${suffix}`]: param!,
      [`grad${suffix}`]: grad!,
      [`m${suffix}`]: m!,
      [`v${suffix}`]: v!,
    });
  });
  return inputs;
}

describeNative('CtfMultiAdamUpdate', () => {
  it('gives each parameter what CtfAdamUpdate gives it, bit for bit, in one native call', async () => {
    // More elements than one thread takes (2^17): the threads' ranges cross parameters.
    const shapes = [[3, 3, 3, 64, 32], [32], [7, 5], [3, 3, 3, 128, 48], [1]];
    const data = adamData(shapes);
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
      runOn(
        'onednn',
        () =>
          tf
            .engine()
            .runKernel(CtfMultiAdamUpdate, multiInputs(tensors()), { ...attrs }) as tf.Tensor[],
      ),
    );
    expect(calls.get('adamUpdateMany')).toBe(1);
    expect(calls.get('adamUpdate')).toBeUndefined();
    expect(multi.length).toBe(3 * shapes.length);
    multi.forEach((values, k) => {
      expect(values, `output ${k}`).toEqual(single[k]);
    });
  });
});

describeNative('CtfMultiAdamUpdate in place', () => {
  const shapes = [[3, 3, 3, 64, 32], [32], [7, 5]];
  const data = adamData(shapes);
  const attrs = { ...BASE, step: 3, weightDecay: 0.01 };
  /** Each parameter's four tensors in pool buffers of their own (a native Add's outputs). */
  const ownTensors = () =>
    data.map(
      (four, p) =>
        four.map((d) => tf.tidy(() => tf.add(tf.tensor(d, shapes[p]), 0))) as tf.Tensor[],
    );

  it('writes param, m and v into their own buffers, the same bits as new outputs', async () => {
    const expected = await runOn(
      'onednn',
      () =>
        tf
          .engine()
          .runKernel(CtfMultiAdamUpdate, multiInputs(ownTensors()), { ...attrs }) as tf.Tensor[],
    );
    await tf.setBackend('onednn');
    const tensors = ownTensors();
    const outputs = tf.engine().runKernel(CtfMultiAdamUpdate, multiInputs(tensors), {
      ...attrs,
      inPlace: true,
    }) as tf.Tensor[];
    expect(outputs.length).toBe(1);
    expect(Array.from(outputs[0]!.dataSync())).toEqual([1, 1, 1]);
    tensors.forEach(([param, , m, v], p) => {
      expect(param!.dataSync(), `param ${p}`).toEqual(expected[3 * p]);
      expect(m!.dataSync(), `m ${p}`).toEqual(expected[3 * p + 1]);
      expect(v!.dataSync(), `v ${p}`).toEqual(expected[3 * p + 2]);
    });
    tf.dispose([...tensors.flat(), ...outputs]);
  });

  it('returns new values for a parameter whose values were handed out, shared or are the caller’s', async () => {
    await tf.setBackend('onednn');
    const tensors = ownTensors();
    // Parameter 0: its m was read (the array is the caller's now); parameter 2: its param
    // has a clone; parameter 1: untouched.
    const readM = tensors[0]![2]!.dataSync() as Float32Array;
    const before = Float32Array.from(readM);
    const clone = tensors[2]![0]!.clone();
    const outputs = tf.engine().runKernel(CtfMultiAdamUpdate, multiInputs(tensors), {
      ...attrs,
      inPlace: true,
    }) as tf.Tensor[];
    expect(Array.from(outputs[0]!.dataSync())).toEqual([0, 1, 0]);
    expect(outputs.length).toBe(1 + 3 * 2);
    expect(Array.from(readM)).toEqual(Array.from(before));
    expect(clone.dataSync()).toEqual(data[2]![0]);
    // A parameter given by the caller's own array (tf.tensor keeps it) is not written either.
    const own = data[1]!.map((d) => Float32Array.from(d));
    const caller = own.map((d) => tf.tensor(d, shapes[1]));
    const more = tf
      .engine()
      .runKernel(
        CtfMultiAdamUpdate,
        { param: caller[0]!, grad: caller[1]!, m: caller[2]!, v: caller[3]! },
        { ...attrs, inPlace: true },
      ) as tf.Tensor[];
    expect(Array.from(more[0]!.dataSync())).toEqual([0]);
    for (const [k, d] of own.entries()) expect(d, `input ${k}`).toEqual(data[1]![k]);
    tf.dispose([...tensors.flat(), ...outputs, clone, ...caller, ...more]);
  });
});
