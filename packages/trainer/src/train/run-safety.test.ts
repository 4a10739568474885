import '@tensorflow/tfjs-backend-cpu';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfigInput } from '../config/config-schema';
import { parseTrainConfig } from '../config/load-config';
import { writeTinyDataset } from '../test-support/tiny-dataset';
import type { TrainProgressEvent } from './progress-events';
import { train } from './train';

let dir: string;
let data: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'ctf-run-safety-'));
  data = join(dir, 'data');
  await writeTinyDataset(data, { count: 8, testCount: 2, size: 8, seed: 4 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function config(runDir: string, overrides: TrainConfigInput = {}) {
  return parseTrainConfig({
    ...overrides,
    data: { dir: data, cacheDir: join(dir, 'cache'), ...overrides.data },
    preprocessing: { size: [8, 8, 8] },
    augmentation: { preset: 'none' },
    model: {
      architecture: 'custom',
      initFeatures: 2,
      growthRate: 2,
      blockConfig: [1],
      bnSize: 1,
      ...overrides.model,
    },
    schedule: { type: 'constant' },
    training: {
      epochs: 2,
      batchSize: 2,
      validateEvery: 1,
      workers: 0,
      runDir: join(dir, runDir),
      ...overrides.training,
    },
  });
}

function collect() {
  const events: TrainProgressEvent[] = [];
  return { events, onProgress: (event: TrainProgressEvent) => events.push(event) };
}

const HOLDER = `
const { acquireLock } = await import(${JSON.stringify(
  fileURLToPath(new URL('../../../core/dist/node.js', import.meta.url)),
)});
await acquireLock(process.argv[1], { purpose: 'run folder' });
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);
`;

async function holdLock(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOLDER, file]);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe('one run per run folder (issue 16 item 8)', () => {
  it('refuses a run folder another process trains in, naming it', async () => {
    await mkdir(join(dir, 'run-locked'), { recursive: true });
    const holder = await holdLock(join(dir, 'run-locked', '.lock'));
    try {
      await expect(train(config('run-locked'))).rejects.toMatchObject({
        code: 'locked',
        message: expect.stringContaining(`the run folder is in use by process ${holder.pid}`),
      });
      expect(existsSync(join(dir, 'run-locked', 'metrics.jsonl'))).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('refuses a new run in a folder that holds a run (use --resume)', async () => {
    await train(config('run-twice', { training: { epochs: 1 } }));
    await expect(train(config('run-twice', { training: { epochs: 1 } }))).rejects.toMatchObject({
      code: 'invalid-config',
      message: expect.stringContaining('a new run needs a folder without a run in it'),
    });
  });
});

describe('resume checks its state (issue 16, smaller items)', () => {
  let runDir: string;
  beforeAll(async () => {
    runDir = (await train(config('run-resumable', { training: { epochs: 1 } }))).runDir;
  });

  it('refuses a hand-edited trainer state, naming the field', async () => {
    const file = join(runDir, 'checkpoints', 'last', 'trainer-state.json');
    const original = await readFile(file, 'utf8');
    await writeFile(file, JSON.stringify({ ...JSON.parse(original), epoch: -5 }));
    try {
      await expect(
        train(config('run-resumable', { training: { epochs: 3 } }), { resume: runDir }),
      ).rejects.toMatchObject({
        code: 'resume',
        field: 'epoch',
        message: expect.stringContaining("the trainer state's epoch must be valid"),
      });
    } finally {
      await writeFile(file, original);
    }
  });

  it.each([
    [
      'a changed learning rate',
      { optimizer: { lr: 0.01 } },
      'optimizer.lr 0.0005 in the checkpoint, 0.01 now',
    ],
    [
      'another architecture',
      { model: { initFeatures: 4 } },
      'model.initFeatures 2 in the checkpoint, 4 now',
    ],
  ] as const)('refuses %s, naming the field', async (_name, overrides, text) => {
    const changed = config('run-resumable', { ...overrides, training: { epochs: 3 } });
    await expect(train(changed, { resume: runDir })).rejects.toMatchObject({
      code: 'resume',
      message: expect.stringContaining(text),
    });
  });

  it('continues with more epochs (what may change)', async () => {
    const copy = join(dir, 'run-extended');
    await train(config('run-extended', { training: { epochs: 1 } }));
    const result = await train(config('run-extended', { training: { epochs: 2, workers: 1 } }), {
      resume: copy,
    });
    expect(result).toMatchObject({ reason: 'completed', epochsCompleted: 2 });
  });

  it('refuses other scans than the checkpoint trained on', async () => {
    const other = join(dir, 'other-data');
    await writeTinyDataset(other, { count: 6, testCount: 2, size: 8, seed: 4 });
    await expect(
      train(config('run-resumable', { data: { dir: other }, training: { epochs: 3 } }), {
        resume: runDir,
      }),
    ).rejects.toMatchObject({
      code: 'resume',
      message: expect.stringContaining('must train on the same training scans and labels, got 6'),
    });
  });
});

describe('NaN weights (issue 16 item 10)', () => {
  it('refuses to start from a checkpoint with a NaN weight, naming it', async () => {
    const source = await train(config('run-nan-source', { training: { epochs: 1 } }));
    const weights = join(source.checkpoints.last, 'weights.bin');
    const bytes = await readFile(weights);
    bytes.writeFloatLE(Number.NaN, 0);
    await writeFile(weights, bytes);
    await expect(
      train(config('run-nan-init', { model: { init: source.checkpoints.last } })),
    ).rejects.toMatchObject({ message: expect.stringMatching(/weights\.bin.*(NaN|finite)/) });
    await expect(
      train(config('run-nan-source', { training: { epochs: 2 } }), { resume: source.runDir }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/weights\.bin.*(NaN|finite)/) });
  });
});

describe('the data check before training (issue 16 items 2, 3, 4)', () => {
  it('names a truncated scan before the first step (its header is intact)', async () => {
    const broken = join(dir, 'truncated-data');
    await writeTinyDataset(broken, { count: 4, testCount: 2, size: 8, seed: 6 });
    const scan = join(broken, 'new_datasets', 'one_side_test', 'TE001-left.nii');
    await truncate(scan, 352 + 100);
    const { events, onProgress } = collect();
    await expect(
      train(config('run-truncated', { data: { dir: broken } }), { onProgress }),
    ).rejects.toMatchObject({ code: 'unreadable-scan', file: scan });
    expect(events.filter((event) => event.type === 'step')).toEqual([]);
    expect(existsSync(join(dir, 'run-truncated'))).toBe(false);
  });

  it('does not train on zero scans with skipBad: all unreadable is an error', async () => {
    const broken = join(dir, 'unreadable-data');
    await writeTinyDataset(broken, { count: 2, testCount: 1, size: 8, seed: 7 });
    for (const id of ['TR000', 'TR001']) {
      await truncate(join(broken, 'new_datasets', 'one_side_train', `${id}-left.nii`), 400);
    }
    await expect(
      train(config('run-zero', { data: { dir: broken, skipBad: true } })),
    ).rejects.toMatchObject({
      code: 'data',
      message: expect.stringContaining('training needs at least one readable scan, got 0 of 2'),
    });
  });

  it('trains when the cache cannot be written, warning once (not blaming a scan)', async () => {
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, 'a file where the cache folder would go');
    const { events, onProgress } = collect();
    const result = await train(
      config('run-no-cache', {
        data: { cacheDir: join(blocker, 'cache') },
        training: { epochs: 1 },
      }),
      { onProgress },
    );
    expect(result.reason).toBe('completed');
    const warnings = events.flatMap((event) => (event.type === 'warning' ? [event.message] : []));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/preprocessing cache .*not-a-folder\/cache cannot be written/);
  });
});

describe('Ctrl-C (issue 16 item 5)', () => {
  it('stops after the current step even when every batch is already prepared', async () => {
    const controller = new AbortController();
    let steps = 0;
    const result = await train(
      config('run-abort', {
        training: { epochs: 1, batchSize: 1, workers: 1, prefetchBatches: 8, validateEvery: 5 },
      }),
      {
        signal: controller.signal,
        onProgress: (event) => {
          // As a signal handler would: on a later turn of the event loop, not inside the step.
          if (event.type === 'step' && ++steps === 1) setTimeout(() => controller.abort(), 0);
        },
      },
    );
    expect(result.reason).toBe('interrupted');
    const state = JSON.parse(
      await readFile(join(result.runDir, 'checkpoints', 'last', 'trainer-state.json'), 'utf8'),
    );
    // 8 batches in the epoch; before the fix the abort was only seen at the epoch's end.
    expect(state).toMatchObject({ epoch: 0, reason: 'interrupted' });
    expect(state.batchInEpoch).toBeGreaterThanOrEqual(1);
    expect(state.batchInEpoch).toBeLessThanOrEqual(3);
  });
});
