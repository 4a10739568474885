import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFoldProcess, threadsPerJob } from './fold-process';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-process-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('threadsPerJob', () => {
  it.each([
    { jobs: 1, cpus: 16, threads: 16 },
    { jobs: 2, cpus: 16, threads: 8 },
    { jobs: 3, cpus: 16, threads: 5 },
    { jobs: 4, cpus: 2, threads: 1 },
  ])('$jobs jobs on $cpus CPUs → $threads threads each', ({ jobs, cpus, threads }) => {
    expect(threadsPerJob(jobs, cpus)).toBe(threads);
  });
});

describe('runFoldProcess', () => {
  it('gives the fold its thread count and appends its output to the log', async () => {
    const logFile = join(dir, 'logs', 'fold-1.log');
    await runFoldProcess({
      command: [
        process.execPath,
        '-e',
        'console.log(process.env.CTF_ONEDNN_THREADS, process.env.OMP_NUM_THREADS)',
      ],
      fold: 1,
      threads: 3,
      logFile,
    });
    expect(await readFile(logFile, 'utf8')).toBe('3 3\n');
  });

  it('fails with the exit code, the log file and its last line', async () => {
    const logFile = join(dir, 'logs', 'fold-2.log');
    await expect(
      runFoldProcess({
        command: [
          process.execPath,
          '-e',
          'console.error("ct-fracture: scan.nii: unreadable"); process.exit(1)',
        ],
        fold: 2,
        threads: 1,
        logFile,
      }),
    ).rejects.toThrow(`${logFile}: fold 2 failed (exit code 1): ct-fracture: scan.nii: unreadable`);
  });
});
