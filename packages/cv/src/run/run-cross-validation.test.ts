import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFakeCv } from '../test-support/fake-cv';
import { type CrossValidationEvent, runCrossValidation } from './run-cross-validation';
import { runFolds } from './run-folds';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-run-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('runCrossValidation', () => {
  it('resumes fold by fold: finished folds are skipped, the others run', async () => {
    const cvDir = join(dir, 'resume');
    await writeFakeCv(cvDir, { folds: 4, patients: 12, finished: [0, 2] });
    const ran: number[] = [];
    const events: CrossValidationEvent[] = [];
    const { skipped, outcomes } = await runCrossValidation({
      cvDir,
      runFold: async (fold) => {
        ran.push(fold.index);
      },
      onProgress: (event) => events.push(event),
    });
    expect(ran).toEqual([1, 3]);
    expect(skipped.map((fold) => fold.index)).toEqual([0, 2]);
    expect(outcomes).toEqual([
      { index: 1, error: null },
      { index: 3, error: null },
    ]);
    expect(events.map((e) => `${e.type} ${e.fold.name}`)).toEqual([
      'skip fold-0',
      'skip fold-2',
      'start fold-1',
      'end fold-1',
      'start fold-3',
      'end fold-3',
    ]);
  });

  it('runs nothing when every fold has finished', async () => {
    const cvDir = join(dir, 'done');
    await writeFakeCv(cvDir, { folds: 2, patients: 6, finished: [0, 1] });
    const ran: number[] = [];
    const { outcomes } = await runCrossValidation({
      cvDir,
      runFold: async (f) => void ran.push(f.index),
    });
    expect(ran).toEqual([]);
    expect(outcomes).toEqual([]);
  });
});

describe('runFolds', () => {
  it.each([1, 2, 3])('runs at most %i folds at once, all of them', async (jobs) => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const outcomes = await runFolds({
      indices: [0, 1, 2, 3, 4],
      jobs,
      runFold: async (index) => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
      },
    });
    expect(most).toBe(jobs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('goes on past a failing fold and reports it', async () => {
    const outcomes = await runFolds({
      indices: [0, 1, 2],
      jobs: 2,
      runFold: async (index) => {
        await tick();
        if (index === 1) throw new Error('out of memory');
      },
    });
    expect(outcomes.map((o) => [o.index, o.error?.message ?? null])).toEqual([
      [0, null],
      [1, 'out of memory'],
      [2, null],
    ]);
  });

  it('starts no fold after the signal aborts', async () => {
    const controller = new AbortController();
    const outcomes = await runFolds({
      indices: [0, 1, 2],
      jobs: 1,
      signal: controller.signal,
      runFold: async () => controller.abort(),
    });
    expect(outcomes.map((o) => o.index)).toEqual([0]);
  });
});
