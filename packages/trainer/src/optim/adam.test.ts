import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/optimizer.json';
import { AdamOptimizer } from './adam';
import { clipByGlobalNorm, GradientAccumulator } from './gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function run(c: (typeof fixture.cases)[number]) {
  const variables = new Map(
    fixture.start.map((values, index) => [
      `p${index}`,
      tf.variable(tf.tensor(values, fixture.shapes[index])),
    ]),
  );
  const adam = new AdamOptimizer(variables, {
    type: c.type as 'adam' | 'adamw',
    betas: fixture.betas as [number, number],
    eps: fixture.eps,
    weightDecay: c.weightDecay,
  });
  const norms: number[] = [];
  fixture.gradients.forEach((step, index) => {
    let gradients: Map<string, tf.Tensor> = new Map(
      step.map((values, p) => [`p${p}`, tf.tensor(values, fixture.shapes[p])] as const),
    );
    if (c.clip !== null) {
      const clipped = clipByGlobalNorm(gradients, c.clip);
      norms.push(clipped.norm);
      tf.dispose([...gradients.values()]);
      gradients = clipped.gradients;
    }
    adam.apply(gradients, fixture.rates[index]!);
    tf.dispose([...gradients.values()]);
  });
  return { variables, adam, norms };
}

describe('AdamOptimizer against torch.optim', () => {
  it.each(fixture.cases)('$name', async (c) => {
    const { variables, adam, norms } = run(c);
    const state = await adam.getState();
    expect(state.step).toBe(4);
    [...variables.values()].forEach((variable, index) => {
      const actual = Array.from(variable.dataSync());
      actual.forEach((value, i) => {
        expect(Math.abs(value - c.final[index]![i]!)).toBeLessThan(2e-6);
      });
      const moments = state.moments.get(`p${index}`)!;
      moments.m.forEach((value, i) => {
        expect(Math.abs(value - c.expAvg[index]![i]!)).toBeLessThan(1e-5);
      });
      moments.v.forEach((value, i) => {
        expect(Math.abs(value - c.expAvgSq[index]![i]!) / c.expAvgSq[index]![i]!).toBeLessThan(
          1e-5,
        );
      });
    });
    norms.forEach((norm, i) => {
      expect(norm).toBeCloseTo(c.gradientNorms[i]!, 4);
    });
  });

  it('continues bit-exactly from a restored state', async () => {
    const makeVariables = () =>
      new Map([['w', tf.variable(tf.tensor([0.5, -1, 2]))]]) as Map<string, tf.Variable>;
    const options = {
      type: 'adamw' as const,
      betas: [0.9, 0.999] as const,
      eps: 1e-8,
      weightDecay: 0.01,
    };
    const gradient = (k: number) => new Map([['w', tf.tensor([0.1 * k, -0.3, k])]]);
    const straight = makeVariables();
    const a = new AdamOptimizer(straight, options);
    for (let k = 1; k <= 4; k += 1) a.apply(gradient(k), 1e-3);

    const first = makeVariables();
    const b = new AdamOptimizer(first, options);
    for (let k = 1; k <= 2; k += 1) b.apply(gradient(k), 1e-3);
    const saved = await b.getState();
    const weights = first.get('w')!.dataSync().slice();
    const second = new Map([['w', tf.variable(tf.tensor(weights))]]);
    const c = new AdamOptimizer(second, options);
    c.setState(saved);
    for (let k = 3; k <= 4; k += 1) c.apply(gradient(k), 1e-3);
    expect(Array.from(second.get('w')!.dataSync())).toEqual(
      Array.from(straight.get('w')!.dataSync()),
    );
  });
});

describe('GradientAccumulator', () => {
  it('averages micro-batch gradients without leaking', () => {
    const before = tf.memory().numTensors;
    const accumulator = new GradientAccumulator();
    accumulator.add(new Map([['w', tf.tensor([1, 2])]]));
    accumulator.add(new Map([['w', tf.tensor([3, 6])]]));
    const mean = accumulator.take();
    expect(Array.from(mean.get('w')!.dataSync())).toEqual([2, 4]);
    tf.dispose([...mean.values()]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
