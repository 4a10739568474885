import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { CvError } from '../errors/cv-error';

/**
 * Threads per fold when `jobs` folds share `cpus` cores: ⌊cpus / jobs⌋, at least 1, so that N
 * side-by-side folds do not oversubscribe the machine (each oneDNN team would otherwise take
 * every core).
 * @example
 * threadsPerJob(2, 16); // 8
 */
export function threadsPerJob(jobs: number, cpus: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cpus / Math.max(1, jobs)));
}

/**
 * The environment of a fold process with `threads` compute threads: `CTF_ONEDNN_THREADS` (the
 * oneDNN backend's kernels) and `OMP_NUM_THREADS` (any other OpenMP code).
 */
export function foldEnvironment(threads: number, base: NodeJS.ProcessEnv = process.env) {
  return { ...base, CTF_ONEDNN_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
}

/** The last non-empty line of a log file (what a failed fold printed last). */
async function lastLine(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .pop() ?? '(no output)'
  );
}

/**
 * Runs one fold as a child process (`command` — e.g. `node ct-fracture.cjs cv-fold <cv> <i>` —
 * with `threads` compute threads), its stdout and stderr appended to `logFile`. When `signal`
 * aborts, the process gets one SIGINT (a fold finishes its step and writes checkpoints/last).
 * @throws {CvError} `fold-failed` with the exit code or signal, the log file and its last line.
 * @example
 * await runFoldProcess({ command: [process.execPath, cli, 'cv-fold', cv, '2'], fold: 2, threads: 4, logFile: 'runs/cv/logs/fold-2.log' });
 */
export async function runFoldProcess(options: {
  command: readonly string[];
  fold: number;
  threads: number;
  logFile: string;
  signal?: AbortSignal;
}): Promise<void> {
  await mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    log.once('open', () => resolve());
    log.once('error', reject);
  });
  const [program, ...args] = options.command;
  // Its own process group: a terminal's Ctrl-C reaches the fold once, through `signal` (a
  // second SIGINT would make it quit without writing checkpoints/last).
  const child = spawn(program!, args, {
    env: foldEnvironment(options.threads),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const stop = () => child.kill('SIGINT');
  options.signal?.addEventListener('abort', stop, { once: true });
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('error', (error) => {
      log.write(`${error.message}\n`);
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  options.signal?.removeEventListener('abort', stop);
  await new Promise<void>((resolve) => log.end(resolve));
  if (exit.code === 0) return;
  const how = exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'none'}`;
  throw new CvError({
    code: 'fold-failed',
    fold: options.fold,
    file: options.logFile,
    message: `fold ${options.fold} failed (${how}): ${await lastLine(options.logFile)}`,
  });
}
