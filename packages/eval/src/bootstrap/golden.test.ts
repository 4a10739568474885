import { describe, expect, it } from 'vitest';
import { prepareTask } from '../prepare-task';
import type { TaskPredictions } from '../task-predictions';
import { bootstrapTask } from './stratified-bootstrap';

// Golden values recorded before the random generator moved into @ct-fracture/core: the bootstrap
// intervals in metrics.json stay the same for a seed.
const n = 60;
const truth = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? -1 : i % 3));
const probabilities = truth.flatMap((t, i) => {
  const raw = [0, 1, 2].map((c) => Math.abs(Math.sin(i * 0.9 + c * 1.7)) + (c === t ? 0.5 : 0));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
});
const predictions: TaskPredictions = {
  task: { name: 'grades', kind: 'multiclass', classes: ['a', 'b', 'c'] },
  truth,
  probabilities,
};

describe('bootstrap intervals are unchanged for a seed (golden)', () => {
  it.each([0, 11])('seed %i', (seed) => {
    expect(bootstrapTask(prepareTask(predictions), { seed, resamples: 200 })).toMatchSnapshot();
  });
});
