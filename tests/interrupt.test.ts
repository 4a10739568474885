import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './workspace';

/**
 * Ctrl-C on `ct-fracture train` (issue 16 item 5): the first stops after the current optimiser
 * step (here 4 batches, `optimizer.accumulationSteps`), writes checkpoints/last and exits with 130
 * — it used to wait for the end of the epoch and exit 0 — and a second one ends the process at
 * once.
 */

let work: string;
let config: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ct-fracture-interrupt-'));
  const synth = runCli([
    'synth',
    '--out',
    join(work, 'data'),
    '--train',
    '8',
    '--test',
    '2',
    '--size',
    'small',
    '--workers',
    '0',
  ]);
  expect(synth.code).toBe(0);
  config = join(work, 'slow.yaml');
  writeFileSync(
    config,
    [
      'preprocessing: {size: [24, 24, 24]}',
      'augmentation: {preset: none}',
      'model: {architecture: custom, initFeatures: 8, growthRate: 8, blockConfig: [2, 2], bnSize: 2}',
      'optimizer: {accumulationSteps: 4}',
      'schedule: {type: constant}',
      'training: {epochs: 2, batchSize: 1, validateEvery: 1, workers: 1, backend: cpu}',
    ].join('\n'),
  );
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function startTraining(runDir: string): { child: ChildProcess; stderr: () => string } {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'apps/cli/bin/ct-fracture.cjs'),
      'train',
      '--config',
      config,
      '--data',
      join(work, 'data'),
      '--run-dir',
      runDir,
      '--cache-dir',
      join(work, 'cache'),
      '--no-report',
      '--no-calibration',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout!.resume();
  return { child, stderr: () => stderr };
}

function waitFor(read: () => string, pattern: RegExp, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (pattern.test(read())) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited before ${pattern}: ${read()}`));
      }
    }, 5);
  });
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

describe('Ctrl-C on ct-fracture train', () => {
  it('stops after the current optimiser step, writes checkpoints/last, exits 130', async () => {
    const runDir = join(work, 'run-once');
    const { child, stderr } = startTraining(runDir);
    const end = ended(child);
    await waitFor(stderr, /^training 8 scans/m, child);
    child.kill('SIGINT');
    expect(await end).toEqual({ code: 130, signal: null });
    expect(stderr()).toContain('SIGINT: finishing the current step and writing checkpoints/last');
    expect(stderr()).toContain(`resume with ct-fracture train --resume ${runDir}`);
    const state = JSON.parse(
      readFileSync(join(runDir, 'checkpoints', 'last', 'trainer-state.json'), 'utf8'),
    );
    expect(state).toMatchObject({ epoch: 0, batchInEpoch: 4, reason: 'interrupted' });
    const resumed = runCli([
      'train',
      '--resume',
      runDir,
      '--cache-dir',
      join(work, 'cache'),
      '--no-report',
      '--no-calibration',
    ]);
    expect(resumed.code).toBe(0);
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => `${JSON.parse(line).split} ${JSON.parse(line).epoch}`);
    expect(epochs).toEqual(['train 1', 'validation 1', 'train 2', 'validation 2']);
  });

  it('a second Ctrl-C ends the process at once', async () => {
    const { child, stderr } = startTraining(join(work, 'run-twice'));
    const end = ended(child);
    await waitFor(stderr, /^training 8 scans/m, child);
    child.kill('SIGINT');
    await waitFor(stderr, /SIGINT: finishing the current step/, child);
    child.kill('SIGINT');
    // Killed by the signal's default action, in the middle of the steps the first one finishes.
    expect(await end).toEqual({ code: null, signal: 'SIGINT' });
  });
});
