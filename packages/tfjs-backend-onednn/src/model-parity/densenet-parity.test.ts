import { createDenseNet3d, type DenseNetConfig } from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { ctfDenseLayerBackwardConfig, ctfDenseLayerForwardConfig } from '../kernels/CtfDenseLayer';
import {
  countNativeCalls,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  relativeError,
} from '../test-support/native-suite';

const HEADS: DenseNetConfig['heads'] = [
  { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
];

const SMALL: DenseNetConfig = {
  body: {
    inChannels: 1,
    initFeatures: 16,
    growthRate: 8,
    blockConfig: [3, 4, 2],
    bnSize: 2,
    dropoutProb: 0,
  },
  heads: HEADS,
};

interface ModelRun {
  logits: Float32Array[];
  gradients: Map<string, Float32Array>;
  running: Map<string, Float32Array>;
}

/** One seeded training-mode forward/backward pass of the model on `backend`. */
async function trainingPass(
  backend: string,
  config: DenseNetConfig,
  inputShape: number[],
  seed: number,
  memoryEfficient = true,
  dropoutSeed?: number,
  keepActivationsBytes?: number,
): Promise<ModelRun> {
  await tf.setBackend(backend);
  const model = createDenseNet3d(config, { seed });
  // MONAI initialises every norm bias to 0; then relu → max-pool → batch norms is
  // scale-invariant per channel and the gradient of features.norm0.weight is exactly 0
  // (pure rounding noise on both backends). Random norm parameters avoid that degenerate point.
  let index = 0;
  for (const [key, variable] of model.weights) {
    index += 1;
    if (!/norm\d?\.(weight|bias)$/.test(key)) continue;
    const [lo, hi] = key.endsWith('.bias') ? [-0.5, 0.5] : [0.5, 1.5];
    variable.assign(
      tf.tensor(randomArray(variable.size, seed * 1000 + index, lo, hi), variable.shape),
    );
  }
  const x = tf.tensor(
    randomArray(
      inputShape.reduce((a, b) => a * b, 1),
      seed,
      0,
      1,
    ),
    inputShape,
  );
  let logits: Float32Array[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const outputs = model.forward(x, {
      training: true,
      memoryEfficient,
      ...(dropoutSeed === undefined ? {} : { dropoutSeed }),
      ...(keepActivationsBytes === undefined ? {} : { keepActivationsBytes }),
    }).logits;
    logits = outputs.map((o) => Float32Array.from(o.dataSync()));
    return tf.addN(outputs.map((o, i) => tf.mul(tf.sum(tf.square(o)), i + 1))) as tf.Scalar;
  }, model.trainableVariables());
  const gradients = new Map<string, Float32Array>();
  const running = new Map<string, Float32Array>();
  for (const [key, variable] of model.weights) {
    const gradient = grads[variable.name];
    if (gradient !== undefined) gradients.set(key, Float32Array.from(gradient.dataSync()));
    if (!variable.trainable) running.set(key, Float32Array.from(variable.dataSync()));
  }
  tf.dispose([x, value, ...Object.values(grads)]);
  model.dispose();
  return { logits, gradients, running };
}

describeNative('a whole DenseNet (densenet3d) on onednn matches cpu', () => {
  it.each([
    // Final feature maps of 2³ (with 1³, training-mode batch norm over 2 values has an
    // identically zero input gradient, again only rounding noise).
    ['small DenseNet, batch 2, 32³', SMALL, [2, 32, 32, 32, 1], 1, true],
    ['small DenseNet, batch 3, 24 × 32 × 40', SMALL, [3, 24, 32, 40, 1], 2, true],
    ['small DenseNet, batch 2, 32³, plain stages', SMALL, [2, 32, 32, 32, 1], 1, false],
  ] as const)(
    '%s: logits, every gradient and the running statistics',
    async (_name, config, shape, seed, memoryEfficient) => {
      const reference = await trainingPass('cpu', config, [...shape], seed, false);
      const { result: native, calls } = await countNativeCalls(() =>
        trainingPass('onednn', config, [...shape], seed, memoryEfficient),
      );
      for (const name of [
        'conv3dForward',
        'conv3dBackwardData',
        'conv3dBackwardWeights',
        'batchNormForward',
        'batchNormBackward',
        'batchNormReluForward',
        'batchNormReluBackward',
        'pool3dForward',
        'pool3dBackward',
        'concat',
      ]) {
        expect(calls.get(name) ?? 0, name).toBeGreaterThan(0);
      }
      reference.logits.forEach((logits, head) => {
        expect(
          relativeError(native.logits[head] ?? new Float32Array(), logits),
          `logits of head ${head}`,
        ).toBeLessThanOrEqual(PARITY_TOLERANCE);
      });
      expect(native.gradients.size).toBe(reference.gradients.size);
      for (const [key, gradient] of reference.gradients) {
        expect(
          relativeError(native.gradients.get(key) ?? new Float32Array(), gradient),
          `gradient of ${key}`,
        ).toBeLessThanOrEqual(PARITY_TOLERANCE);
      }
      for (const [key, values] of reference.running) {
        expect(
          relativeError(native.running.get(key) ?? new Float32Array(), values),
          key,
        ).toBeLessThanOrEqual(PARITY_TOLERANCE);
      }
    },
  );
});

describeNative('memory-efficient and plain stages on onednn', () => {
  it('give the same logits, gradients and running statistics, bit for bit', async () => {
    const shape = [2, 32, 32, 32, 1];
    const plain = await trainingPass('onednn', SMALL, shape, 3, false);
    const efficient = await trainingPass('onednn', SMALL, shape, 3, true);
    expect(efficient.logits).toEqual(plain.logits);
    expect(efficient.gradients.size).toBe(plain.gradients.size);
    for (const [key, gradient] of plain.gradients) {
      expect(efficient.gradients.get(key), key).toEqual(gradient);
    }
    for (const [key, values] of plain.running) {
      expect(efficient.running.get(key), key).toEqual(values);
    }
  });
});

describeNative('the fused dense layer kernels (CtfDenseLayerForward / Backward)', () => {
  const DROPOUT: DenseNetConfig = { ...SMALL, body: { ...SMALL.body, dropoutProb: 0.25 } };
  it.each([
    ['without dropout', SMALL, undefined, undefined],
    ['with dropout', DROPOUT, 11, undefined],
    ['recomputing every activation', SMALL, undefined, 0],
  ] as const)(
    'give the one-by-one kernels’ logits, gradients and running statistics bit for bit, %s',
    async (_name, config, dropoutSeed, keepActivationsBytes) => {
      const shape = [2, 16, 24, 32, 1];
      const configs = [ctfDenseLayerForwardConfig, ctfDenseLayerBackwardConfig];
      // Count the fused kernels' calls (9 dense layers: each once forward, once backward).
      const fusedCalls = new Map<string, number>();
      for (const kernel of configs) {
        tf.unregisterKernel(kernel.kernelName, 'onednn');
        tf.registerKernel({
          ...kernel,
          kernelFunc: (args) => {
            fusedCalls.set(kernel.kernelName, (fusedCalls.get(kernel.kernelName) ?? 0) + 1);
            return kernel.kernelFunc(args);
          },
        });
      }
      let fused: ModelRun;
      let forwards = 0;
      try {
        const counted = await countNativeCalls(() =>
          trainingPass('onednn', config, shape, 4, true, dropoutSeed, keepActivationsBytes),
        );
        fused = counted.result;
        forwards = counted.calls.get('batchNormReluForward') ?? 0;
      } finally {
        for (const { kernelName } of configs) tf.unregisterKernel(kernelName, 'onednn');
      }
      expect(Object.fromEntries(fusedCalls)).toEqual({
        CtfDenseLayerForward: 9,
        CtfDenseLayerBackward: 9,
      });
      let separate: ModelRun;
      let separateForwards = 0;
      try {
        const counted = await countNativeCalls(() =>
          trainingPass('onednn', config, shape, 4, true, dropoutSeed, keepActivationsBytes),
        );
        separate = counted.result;
        separateForwards = counted.calls.get('batchNormReluForward') ?? 0;
      } finally {
        for (const kernel of configs) tf.registerKernel(kernel);
      }
      // The same native work, less the recomputation: blocks this small keep their
      // normalised activations (unless told not to), so the backward pass runs neither norm
      // of a layer again.
      expect(forwards).toBe(separateForwards - (keepActivationsBytes === 0 ? 0 : 2 * 9));
      expect(fused.logits).toEqual(separate.logits);
      expect(fused.gradients.size).toBe(separate.gradients.size);
      for (const [key, gradient] of separate.gradients) {
        expect(fused.gradients.get(key), key).toEqual(gradient);
      }
      for (const [key, values] of separate.running) {
        expect(fused.running.get(key), key).toEqual(values);
      }
    },
  );
});

/** Inference logits and d(Σ logits)/d(activation after `startAfter`) (the Grad-CAM pattern). */
async function inferencePass(backend: string, startAfter: string): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = createDenseNet3d(SMALL, { seed: 5 });
  let index = 0;
  for (const [key, variable] of model.weights) {
    index += 1;
    if (!/norm\d?\.(weight|bias|running_mean|running_var)$/.test(key)) continue;
    const [lo, hi] =
      key.endsWith('running_var') || key.endsWith('weight') ? [0.5, 1.5] : [-0.5, 0.5];
    variable.assign(tf.tensor(randomArray(variable.size, 5000 + index, lo, hi), variable.shape));
  }
  const x = tf.tensor(randomArray(2 * 32 ** 3, 6, 0, 1), [2, 32, 32, 32, 1]);
  const { logits, captured } = model.forward(x, { capture: [startAfter] });
  const activation = captured.get(startAfter)!;
  const gradient = tf.grad((a: tf.Tensor) =>
    tf.addN(model.forward(a, { startAfter }).logits.map((l) => tf.sum(l))),
  )(activation);
  const out = [...logits, gradient].map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([x, ...logits, activation, gradient]);
  model.dispose();
  return out;
}

describeNative('DenseNet inference on onednn (fused BN → ReLU over pieces) matches cpu', () => {
  it('logits and the gradient through the later stages (Grad-CAM)', async () => {
    const { ensureFusedBatchNormGradient } = await import('@ct-fracture/densenet3d');
    ensureFusedBatchNormGradient();
    const reference = await inferencePass('cpu', 'features.transition1');
    const { result: native, calls } = await countNativeCalls(() =>
      inferencePass('onednn', 'features.transition1'),
    );
    expect(calls.get('batchNormReluForward') ?? 0).toBeGreaterThan(0);
    reference.forEach((values, i) => {
      expect(
        relativeError(native[i] ?? new Float32Array(), values),
        `output ${i}`,
      ).toBeLessThanOrEqual(PARITY_TOLERANCE);
    });
  });
});
