import { SeededRandom } from '@ct-fracture/core';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, expect, it } from 'vitest';
import {
  expectTorchParity,
  optimizerFixture,
  runOptimizerCase,
} from '../test-support/adam-fixture';
import { describeOneDnn } from '../test-support/onednn-suite';
import { AdamOptimizer, type AdamOptions, type AdamState } from './adam';
import { hasFusedAdamKernel } from './adam-kernel';

/** `length` seeded values uniform in [lo, hi) (core's SeededRandom on mulberry32). */
function seededArray(length: number, seed: number, lo: number, hi: number): Float32Array {
  const random = new SeededRandom(seed, 'mulberry32');
  return Float32Array.from({ length }, () => random.uniform(lo, hi));
}

/** A 3³ convolution kernel (above the addon's 2¹⁷-element threshold for threads), a bias, a dense weight. */
const SHAPES: Record<string, number[]> = {
  conv: [3, 3, 3, 64, 96],
  bias: [96],
  dense: [16, 3],
};
const RATES = [1e-3, 8e-4, 5e-4, 5e-4, 2e-4, 1e-4];

interface Run {
  parameters: Map<string, Float32Array>;
  state: AdamState;
}

/** Six steps of AdamOptimizer on `backend` with seeded parameters and gradients. */
async function runSteps(backend: string, options: AdamOptions): Promise<Run> {
  await tf.setBackend(backend);
  const names = Object.keys(SHAPES);
  const variables = new Map(
    names.map((name, p) => {
      const shape = SHAPES[name]!;
      const size = shape.reduce((a, b) => a * b, 1);
      return [name, tf.variable(tf.tensor(seededArray(size, 10 + p, -1, 1), shape))] as const;
    }),
  );
  const adam = new AdamOptimizer(variables, options);
  RATES.forEach((lr, step) => {
    const gradients = new Map(
      names.map((name, p) => {
        const shape = SHAPES[name]!;
        const size = shape.reduce((a, b) => a * b, 1);
        // Gradients of mixed scale, so that √v and ε both matter somewhere.
        const scale = 10 ** -(p + (step % 3));
        return [name, tf.tensor(seededArray(size, 100 * step + p, -scale, scale), shape)] as const;
      }),
    );
    adam.apply(gradients, lr);
    tf.dispose([...gradients.values()]);
  });
  const parameters = new Map(
    [...variables].map(([name, v]) => [name, Float32Array.from(v.dataSync() as Float32Array)]),
  );
  const state = await adam.getState();
  tf.dispose([...variables.values()]);
  adam.dispose();
  return { parameters, state };
}

/** max |a − b| / max |b|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let error = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs((a[i] ?? Number.NaN) - (b[i] ?? 0));
    error = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(error, d);
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return a.length === b.length ? error / scale : Number.POSITIVE_INFINITY;
}

const BASE: AdamOptions = { type: 'adam', betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 };

afterAll(async () => {
  await tf.setBackend('cpu');
});

describeOneDnn('AdamOptimizer on onednn (fused CtfAdamUpdate)', () => {
  it('updates every parameter in one CtfMultiAdamUpdate and none of the element-wise ops', async () => {
    await tf.setBackend('onednn');
    expect(hasFusedAdamKernel()).toBe(true);
    const variables = new Map([
      ['a', tf.variable(tf.tensor([0.5, -1, 2]))],
      ['b', tf.variable(tf.tensor([[1, 2]]))],
    ]);
    const adam = new AdamOptimizer(variables, { ...BASE, weightDecay: 0.01 });
    const gradients = new Map([
      ['a', tf.tensor([0.1, -0.3, 1])],
      ['b', tf.tensor([[0.2, 0.4]])],
    ]);
    const { kernels } = await tf.profile(() => {
      adam.apply(gradients, 1e-3);
    });
    expect(kernels.map((k) => k.name)).toEqual(['CtfMultiAdamUpdate']);
    tf.dispose([...variables.values(), ...gradients.values()]);
    adam.dispose();
  });

  it.each([
    ['adam', { ...BASE }],
    ['adam with L2 weight decay', { ...BASE, weightDecay: 0.01 }],
    ['adamw without weight decay', { ...BASE, type: 'adamw' }],
    ['adamw', { ...BASE, type: 'adamw', weightDecay: 0.05 }],
    [
      'adamw, other betas and eps',
      { type: 'adamw', betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.1 },
    ],
  ] as [string, AdamOptions][])(
    '%s: parameters and moments match the composite path (cpu) to 1e-6 after six steps',
    async (_name, options) => {
      const reference = await runSteps('cpu', options);
      const fused = await runSteps('onednn', options);
      expect(fused.state.step).toBe(RATES.length);
      for (const name of Object.keys(SHAPES)) {
        const parameter = reference.parameters.get(name)!;
        expect(relativeError(fused.parameters.get(name)!, parameter), `${name} param`).toBeLessThan(
          1e-6,
        );
        const { m, v } = reference.state.moments.get(name)!;
        const actual = fused.state.moments.get(name)!;
        expect(relativeError(actual.m, m), `${name} m`).toBeLessThan(1e-6);
        expect(relativeError(actual.v, v), `${name} v`).toBeLessThan(1e-6);
      }
    },
  );

  it.each(optimizerFixture.cases)('matches torch.optim: $name', async (c) => {
    await tf.setBackend('onednn');
    const run = runOptimizerCase(c);
    await expectTorchParity(c, run);
    tf.dispose([...run.variables.values()]);
    run.adam.dispose();
  });

  it('keeps the tensor count flat across steps', async () => {
    await tf.setBackend('onednn');
    const w = tf.variable(tf.ones([3, 3, 3, 4, 8]));
    const b = tf.variable(tf.zeros([8]));
    const adam = new AdamOptimizer(
      new Map([
        ['w', w],
        ['b', b],
      ]),
      { ...BASE, type: 'adamw', weightDecay: 0.01 },
    );
    const before = tf.memory().numTensors;
    for (let k = 1; k <= 5; k += 1) {
      const gradients = new Map([
        ['w', tf.fill([3, 3, 3, 4, 8], 0.1 * k)],
        ['b', tf.fill([8], -0.2 * k)],
      ]);
      adam.apply(gradients, 1e-3);
      tf.dispose([...gradients.values()]);
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([w, b]);
    adam.dispose();
  });

  it('updates in place where nothing else sees the values, never an array handed out or shared', async () => {
    await tf.setBackend('onednn');
    const start = Float32Array.of(0.5, -1, 2, 0, 3, -0.25);
    const w = tf.variable(tf.tensor(start, [2, 3]));
    const adam = new AdamOptimizer(new Map([['w', w]]), BASE);
    const step = (k: number) => {
      const g = new Map([['w', tf.tensor([0.1 * k, -0.3, k, 2, -k, 1e-4], [2, 3])]]);
      adam.apply(g, 1e-3);
      tf.dispose([...g.values()]);
    };
    // Step 1: the values are the caller's array (tf.tensor keeps it): new buffers, assigned.
    step(1);
    expect(Array.from(start)).toEqual([0.5, -1, 2, 0, 3, -0.25]);
    // Step 2: the optimiser's own buffers now: updated in place (the same data).
    const dataId = w.dataId;
    step(2);
    expect(w.dataId).toBe(dataId);
    // An array read from the variable is never overwritten: step 3 assigns new buffers.
    const read = w.dataSync() as Float32Array;
    const copy = Float32Array.from(read);
    step(3);
    expect(w.dataId).not.toBe(dataId);
    expect(Array.from(read)).toEqual(Array.from(copy));
    // Nor are the values of a clone (two tensors share the data).
    step(4);
    const clone = w.clone();
    const cloned = Float32Array.from(clone.dataSync() as Float32Array);
    step(5);
    expect(Array.from(clone.dataSync())).toEqual(Array.from(cloned));
    expect(Array.from(w.dataSync())).not.toEqual(Array.from(cloned));
    tf.dispose([w, clone]);
    adam.dispose();
  });

  it('continues bit-exactly from a restored state', async () => {
    await tf.setBackend('onednn');
    const options: AdamOptions = { ...BASE, type: 'adamw', weightDecay: 0.01 };
    const makeVariables = (values: Float32Array | number[]) =>
      new Map([['w', tf.variable(tf.tensor(values, [2, 3]))]]);
    const gradient = (k: number) =>
      new Map([['w', tf.tensor([0.1 * k, -0.3, k, 2, -k, 1e-4], [2, 3])]]);
    const apply = (adam: AdamOptimizer, k: number) => {
      const g = gradient(k);
      adam.apply(g, 1e-3 / k);
      tf.dispose([...g.values()]);
    };
    const start = [0.5, -1, 2, 0, 3, -0.25];
    const straight = makeVariables(start);
    const a = new AdamOptimizer(straight, options);
    for (let k = 1; k <= 4; k += 1) apply(a, k);

    const first = makeVariables(start);
    const b = new AdamOptimizer(first, options);
    for (let k = 1; k <= 2; k += 1) apply(b, k);
    const saved = await b.getState();
    const second = makeVariables(Float32Array.from(first.get('w')!.dataSync() as Float32Array));
    const c = new AdamOptimizer(second, options);
    c.setState(saved);
    for (let k = 3; k <= 4; k += 1) apply(c, k);
    expect(Array.from(second.get('w')!.dataSync())).toEqual(
      Array.from(straight.get('w')!.dataSync()),
    );
    const [finalA, finalC] = [await a.getState(), await c.getState()];
    expect(finalC.step).toBe(finalA.step);
    expect(Array.from(finalC.moments.get('w')!.m)).toEqual(Array.from(finalA.moments.get('w')!.m));
    expect(Array.from(finalC.moments.get('w')!.v)).toEqual(Array.from(finalA.moments.get('w')!.v));
    tf.dispose([...straight.values(), ...first.values(), ...second.values()]);
    for (const optimizer of [a, b, c]) optimizer.dispose();
  });
});
