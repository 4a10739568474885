import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfigInput } from '../config/config-schema';
import { isLeftover, listTree, metricsSummary, runTrainChild } from '../test-support/crash-harness';
import { writeTinyDataset } from '../test-support/tiny-dataset';

function canUnshare(): boolean {
  try {
    execFileSync('unshare', ['--pid', '--fork', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctf-crash-resume-'));
  await writeTinyDataset(join(work, 'data'), { count: 2, testCount: 1, size: 8, seed: 8 });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function configFor(root: string): TrainConfigInput {
  return {
    data: { dir: join(work, 'data'), cacheDir: join(root, 'cache') },
    preprocessing: { size: [8, 8, 8] },
    augmentation: { preset: 'none' },
    model: { architecture: 'custom', initFeatures: 2, growthRate: 2, blockConfig: [1], bnSize: 1 },
    schedule: { type: 'constant' },
    training: {
      epochs: 5,
      batchSize: 2,
      validateEvery: 100,
      workers: 0,
      runDir: join(root, 'run'),
    },
  };
}

describe('resume after kills inside the checkpoint swap (issue 16 item 1)', () => {
  it.skipIf(!canUnshare())(
    'as PID 1 of a fresh PID namespace, killed twice right after renaming checkpoints/last, resumes at the newest epoch',
    async () => {
      const root = await mkdtemp(join(work, 'pid1-'));
      const runDir = join(root, 'run');
      // The rename of checkpoints/last (moving it aside) happens from the second save on: the
      // first kill comes while epoch 2 is published, leaving epoch 1 aside and epoch 2 complete.
      const killAfterRename = { CTF_FS_KILL_AFTER: 'rename:/checkpoints/last$:1' };
      const first = await runTrainChild(configFor(root), {
        env: killAfterRename,
        pidNamespace: true,
      });
      expect(first.signal ?? first.code).not.toBe(0);
      const second = await runTrainChild(configFor(root), {
        resume: runDir,
        env: killAfterRename,
        pidNamespace: true,
      });
      expect(second.stdout).toBe('');
      const last = await runTrainChild(configFor(root), { resume: runDir, pidNamespace: true });
      expect(last.stderr.trim().split('\n').pop()).not.toMatch(/error/i);
      // Each resume starts from the newest complete checkpoint: the one being published when the
      // process died (before the fix: an older copy moved aside, "resumed at epoch 3 after 12").
      const resumed = JSON.parse(last.stdout);
      expect(resumed).toMatchObject({ reason: 'completed', resumedFromEpoch: 3 });
      expect(
        (await metricsSummary(runDir)).map((line) => line.split(' ').slice(0, 2).join(' ')),
      ).toEqual(['train 1', 'train 2', 'train 3', 'train 4', 'train 5', 'validation 5']);
      expect((await listTree(runDir)).filter(isLeftover)).toEqual([]);
      const state = JSON.parse(
        await readFile(join(runDir, 'checkpoints', 'last', 'trainer-state.json'), 'utf8'),
      );
      expect(state).toMatchObject({ epoch: 5, reason: 'final' });
    },
    600_000,
  );
});
