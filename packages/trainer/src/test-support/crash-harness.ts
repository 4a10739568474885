import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTemporaryName } from '@ct-fracture/core/node';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfigInput } from '../config/config-schema';

const CHILD = fileURLToPath(new URL('./train-child.mjs', import.meta.url));
/** The crash-injection preload (see its header): counts file-system steps and kills at one. */
export const KILL_AT_FS_STEP = fileURLToPath(new URL('./kill-at-fs-step.mjs', import.meta.url));

/** How a child training process ended. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `train` (the built package) in a child process on the cpu backend, optionally under the
 * crash-injection preload with its environment (`CTF_FS_TRACE`, `CTF_FS_KILL_AT`,
 * `CTF_FS_KILL_AFTER`), optionally as PID 1 of a new PID namespace (`unshare --pid --fork`; the
 * test then sends the SIGKILL, at the marker the child prints).
 */
export function runTrainChild(
  config: TrainConfigInput,
  options: { resume?: string; env?: Record<string, string>; pidNamespace?: boolean } = {},
): Promise<ChildResult> {
  const node = [
    ...(options.env === undefined ? [] : ['--import', KILL_AT_FS_STEP]),
    CHILD,
    JSON.stringify({ config, resume: options.resume }),
  ];
  const [command, args] = options.pidNamespace
    ? ['unshare', ['--pid', '--fork', '--kill-child', process.execPath, ...node]]
    : [process.execPath, node];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args as string[], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // PID 1 of a namespace cannot kill itself: it names its PID (as /proc shows it) to kill.
      const marker = /ctf-fs-kill-me (\d+)/.exec(stderr);
      if (marker !== null && !killed) {
        killed = true;
        process.kill(Number(marker[1]), 'SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Every path under `dir` (relative), depth first, sorted. */
export async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const paths: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    paths.push(path);
    if (entry.isDirectory()) paths.push(...(await listTree(dir, path)));
  }
  return paths;
}

/** What a killed writer may leave: temporaries (`.x.tmp-…`, `.x.old-…`) and lock files. */
export function isLeftover(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  return isTemporaryName(name) || name === '.lock' || name.endsWith('.lock');
}

/** `metrics.jsonl` as `split epoch loss` lines (what must match between runs). */
export async function metricsSummary(runDir: string): Promise<string[]> {
  const text = await readFile(join(runDir, 'metrics.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const record = JSON.parse(line) as { split: string; epoch: number; loss: number };
      return `${record.split} ${record.epoch} ${record.loss}`;
    });
}

/** The logits a checkpoint gives for `input` (what `predict` computes), as bytes. */
export async function checkpointLogits(dir: string, input: tf.Tensor5D): Promise<Buffer[]> {
  const { model } = await loadCheckpoint(dir);
  try {
    const { logits } = model.forward(input);
    const bytes = logits.map((tensor) => Buffer.from(tensor.dataSync().buffer));
    tf.dispose(logits);
    return bytes;
  } finally {
    model.dispose();
  }
}
