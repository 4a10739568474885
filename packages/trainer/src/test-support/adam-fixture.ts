import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import fixture from '../../fixtures/optimizer.json';
import { AdamOptimizer } from '../optim/adam';
import { clipByGlobalNorm } from '../optim/gradients';

/** The torch.optim reference (fixtures/optimizer.json, made by fixtures/make_fixtures.py). */
export const optimizerFixture = fixture;

/** One case of {@link optimizerFixture}. */
export type OptimizerCase = (typeof fixture.cases)[number];

/**
 * Runs one fixture case's four steps with {@link AdamOptimizer} on the active backend.
 * Test support only.
 */
export function runOptimizerCase(c: OptimizerCase): {
  variables: Map<string, tf.Variable>;
  adam: AdamOptimizer;
  norms: number[];
} {
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

/** Checks a finished case against torch (the tolerances of the cpu torch-parity test). */
export async function expectTorchParity(
  c: OptimizerCase,
  run: ReturnType<typeof runOptimizerCase>,
): Promise<void> {
  const state = await run.adam.getState();
  expect(state.step).toBe(4);
  [...run.variables.values()].forEach((variable, index) => {
    Array.from(variable.dataSync()).forEach((value, i) => {
      expect(Math.abs(value - c.final[index]![i]!)).toBeLessThan(2e-6);
    });
    const moments = state.moments.get(`p${index}`)!;
    moments.m.forEach((value, i) => {
      expect(Math.abs(value - c.expAvg[index]![i]!)).toBeLessThan(1e-5);
    });
    moments.v.forEach((value, i) => {
      expect(Math.abs(value - c.expAvgSq[index]![i]!) / c.expAvgSq[index]![i]!).toBeLessThan(1e-5);
    });
  });
}
