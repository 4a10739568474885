import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CtFractureError } from '@ct-fracture/core';
import {
  acquireLock,
  type FileLock,
  findPublishedFolder,
  recoverPublishedFolder,
  removeTemporaries,
} from '@ct-fracture/core/node';
import type { TrainConfig } from '../config/config-schema';
import { TrainerError } from '../errors/trainer-error';
import { truncateMetricsLog } from './metrics-log';
import { runTimestamp } from './run-folder';

/** The lock file of a run folder: one process trains (and writes) in a run folder at a time. */
export const RUN_LOCK_FILE = '.lock';
/** How often a run refreshes its lock, so that a host that cannot see it knows it is alive. */
const HEARTBEAT_MS = 30_000;

/** The checkpoint folders of a run folder, repaired by a resume. */
export function checkpointFolders(runDir: string): { last: string; best: string } {
  return {
    last: join(runDir, 'checkpoints', 'last'),
    best: join(runDir, 'checkpoints', 'best'),
  };
}

function ioError(dir: string, error: unknown): TrainerError {
  return new TrainerError({
    code: 'config-io',
    file: dir,
    message: `the run folder must be a writable folder, got: ${(error as Error).message}`,
    cause: error,
  });
}

/**
 * Takes a run folder's exclusive lock (`<run>/.lock`, see `@ct-fracture/core/node`'s
 * `acquireLock`: PID, host, boot id and start time, so a killed run's lock — even of PID 1 in a
 * container — is taken over, and a live one refused).
 * @throws {FileLockError} `locked` naming the process that trains there; `lock-io`.
 */
export async function lockRunFolder(runDir: string): Promise<FileLock> {
  return acquireLock(join(runDir, RUN_LOCK_FILE), {
    purpose: 'run folder',
    heartbeatMs: HEARTBEAT_MS,
  });
}

/** Whether a run folder holds a run that can be resumed: a complete `checkpoints/last`. */
async function holdsRun(dir: string): Promise<boolean> {
  return (await findPublishedFolder(checkpointFolders(dir).last)) !== null;
}

async function createNewRunFolder(config: TrainConfig, now: Date): Promise<string> {
  if (config.training.runDir !== null) {
    const runDir = resolve(config.training.runDir);
    await mkdir(runDir, { recursive: true }).catch((error: unknown) => {
      throw ioError(runDir, error);
    });
    return runDir;
  }
  const runsDir = resolve(config.training.runsDir);
  await mkdir(runsDir, { recursive: true }).catch((error: unknown) => {
    throw ioError(runsDir, error);
  });
  const base = join(runsDir, runTimestamp(now));
  for (let attempt = 1; ; attempt += 1) {
    const runDir = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      await mkdir(runDir);
      return runDir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(runDir, error);
    }
  }
}

/**
 * Opens the run folder for training, under its lock. A new run: creates `training.runDir` (or
 * `<runsDir>/<timestamp>`), refusing a folder that holds a run to resume (a complete
 * `checkpoints/last`); what a run killed before its first checkpoint left there (temporaries, its
 * metrics) is cleared. A resume: repairs what a killed run left — each checkpoint folder becomes
 * its newest complete copy, and the temporaries of dead writers are deleted.
 * @returns the absolute run folder and its lock (release it when done).
 * @throws {TrainerError} `config-io` (not writable), `resume` (no such run), `invalid-config`
 *   (a new run into a folder holding one); {@link FileLockError} while another process trains there.
 */
export async function openRunFolder(
  config: TrainConfig,
  options: { resume?: string; now: Date },
): Promise<{ runDir: string; lock: FileLock }> {
  let runDir: string;
  if (options.resume !== undefined) {
    runDir = resolve(options.resume);
    const isFolder = await stat(runDir).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      throw new TrainerError({
        code: 'resume',
        file: runDir,
        message: 'the run folder to resume must exist',
      });
    }
  } else {
    runDir = await createNewRunFolder(config, options.now);
  }
  const lock = await lockRunFolder(runDir);
  try {
    if (options.resume === undefined) {
      if (await holdsRun(runDir)) {
        throw new TrainerError({
          code: 'invalid-config',
          file: runDir,
          field: 'training.runDir',
          message:
            'a new run needs a folder without a run in it (checkpoints/last); resume that run ' +
            'with --resume, or choose another --run-dir',
        });
      }
      // What a run killed before its first checkpoint left: not a run to resume, nothing to keep.
      await removeTemporaries(runDir, { recursive: true, onlyDeadWriters: true });
      await truncateMetricsLog(runDir, 0);
    } else {
      const folders = checkpointFolders(runDir);
      for (const folder of [folders.last, folders.best]) {
        await recoverPublishedFolder(folder, { purpose: 'checkpoint folder' });
      }
      await removeTemporaries(runDir, { recursive: true, onlyDeadWriters: true });
    }
  } catch (error) {
    await lock.release();
    if (CtFractureError.isInstance(error)) throw error;
    throw ioError(runDir, error);
  }
  return { runDir, lock };
}
