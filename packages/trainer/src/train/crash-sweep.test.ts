import '@tensorflow/tfjs-backend-cpu';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfigInput } from '../config/config-schema';
import {
  checkpointLogits,
  isLeftover,
  listTree,
  metricsSummary,
  runTrainChild,
} from '../test-support/crash-harness';
import { writeTinyDataset } from '../test-support/tiny-dataset';

// The acceptance test of crash safety: a short run (tiny model, 8³ volumes, 2 epochs of 2 batches,
// validation after each, checkpoints last and best, the preprocessing cache) is killed with
// SIGKILL just before each of its file-system steps in turn; each time `train --resume` must end
// exactly as the uninterrupted run: the same weights (bitwise) in last and best, both loadable and
// predicting the same logits, metrics.jsonl with each epoch once, and no temporary or lock left.

let work: string;
let data: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  work = await mkdtemp(join(tmpdir(), 'ctf-crash-sweep-'));
  data = join(work, 'data');
  await writeTinyDataset(data, { count: 2, testCount: 1, size: 8, seed: 5 });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function configFor(root: string): TrainConfigInput {
  return {
    data: { dir: data, cacheDir: join(root, 'cache') },
    preprocessing: { size: [8, 8, 8] },
    augmentation: { preset: 'light' },
    model: { architecture: 'custom', initFeatures: 2, growthRate: 2, blockConfig: [1], bnSize: 1 },
    schedule: { warmupEpochs: 1 },
    training: { epochs: 2, batchSize: 1, validateEvery: 1, workers: 0, runDir: join(root, 'run') },
  };
}

/** What must be equal to the uninterrupted run after a crash and a resume. */
async function outcome(root: string, input: tf.Tensor5D) {
  const run = join(root, 'run');
  const file = (path: string) => readFile(join(run, 'checkpoints', path));
  return {
    lastWeights: await file('last/weights.bin'),
    lastOptimizer: await file('last/optimizer.bin'),
    bestWeights: await file('best/weights.bin'),
    lastLogits: await checkpointLogits(join(run, 'checkpoints', 'last'), input),
    bestLogits: await checkpointLogits(join(run, 'checkpoints', 'best'), input),
    metrics: await metricsSummary(run),
    leftovers: [
      ...(await listTree(run)).filter(isLeftover),
      ...(await listTree(join(root, 'cache'))).filter(isLeftover).map((path) => `cache/${path}`),
    ],
  };
}

/** Runs `task` over `items`, `width` at a time. */
async function pool<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe('crash safety', () => {
  it('a kill -9 at every file-system step of a run, then train --resume, ends as the uninterrupted run', async () => {
    const reference = await mkdtemp(join(work, 'reference-'));
    const trace = join(reference, 'trace.txt');
    const straight = await runTrainChild(configFor(reference), { env: { CTF_FS_TRACE: trace } });
    expect(straight.stderr.includes('Error') ? straight.stderr : straight.code).toBe(0);
    const steps = (await readFile(trace, 'utf8')).trim().split('\n');
    const input = tf.randomUniform([1, 8, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor5D;
    const expected = await outcome(reference, input);
    expect(expected.metrics.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'train 1',
      'validation 1',
      'train 2',
      'validation 2',
    ]);
    expect(expected.leftovers).toEqual([]);

    const failures: string[] = [];
    const width = Math.max(1, Math.min(4, availableParallelism()));
    await pool(
      steps.map((_, index) => index + 1),
      width,
      async (step) => {
        const where = `kill before step ${steps[step - 1]}`;
        const root = await mkdtemp(join(work, `kill-${step}-`));
        try {
          const killed = await runTrainChild(configFor(root), {
            env: { CTF_FS_KILL_AT: String(step) },
          });
          if (killed.signal !== 'SIGKILL') {
            failures.push(
              `${where}: the run was not killed (exit ${killed.code}) ${killed.stderr}`,
            );
            return;
          }
          // Killed before the run folder existed, there is nothing to resume: run it again.
          const runDir = join(root, 'run');
          const resumed = await runTrainChild(configFor(root), {
            resume: existsSync(runDir) ? runDir : undefined,
          });
          if (resumed.code !== 0 || !resumed.stdout.includes('"completed"')) {
            failures.push(
              `${where}: the resume failed: ${resumed.stderr.trim().split('\n').pop()}`,
            );
            return;
          }
          const got = await outcome(root, input);
          for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
            const same =
              key === 'lastLogits' || key === 'bestLogits'
                ? got[key].every((bytes, index) => bytes.equals(expected[key][index]!))
                : Buffer.isBuffer(got[key])
                  ? (got[key] as Buffer).equals(expected[key] as Buffer)
                  : JSON.stringify(got[key]) === JSON.stringify(expected[key]);
            if (!same)
              failures.push(`${where}: ${key} differs (${JSON.stringify(got[key]).slice(0, 300)})`);
          }
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      },
    );
    input.dispose();
    expect(failures).toEqual([]);
  }, 3_600_000);
});
