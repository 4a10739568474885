import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@ct-fracture/core/node';
import type { TrainConfig } from '../config/config-schema';
import { parseTrainConfig } from '../config/load-config';
import { TrainerError } from '../errors/trainer-error';

/** `2026-11-26T23-59-07` (local time, file-name safe). */
export function runTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`
  );
}

/**
 * Creates the run folder (`training.runDir`, else `<runsDir>/<timestamp>`, with `-2`, `-3`, …
 * when taken) and writes the effective configuration to `config.json`.
 * @returns the absolute run folder.
 */
export async function createRunFolder(config: TrainConfig, now: Date): Promise<string> {
  let runDir: string;
  if (config.training.runDir !== null) {
    runDir = resolve(config.training.runDir);
    await mkdir(runDir, { recursive: true });
  } else {
    const base = resolve(config.training.runsDir, runTimestamp(now));
    await mkdir(resolve(config.training.runsDir), { recursive: true });
    for (let attempt = 1; ; attempt += 1) {
      runDir = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await mkdir(runDir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
  await writeRunConfig(runDir, config);
  return runDir;
}

/** Writes `config.json` (the effective configuration) into a run folder. */
export async function writeRunConfig(runDir: string, config: TrainConfig): Promise<void> {
  const file = join(runDir, 'config.json');
  await writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`).catch((error: unknown) => {
    throw new TrainerError({
      code: 'config-io',
      file,
      message: `the run folder must be writable, got: ${(error as Error).message}`,
      cause: error,
    });
  });
}

/**
 * The effective configuration saved in a run folder.
 * @throws {TrainerError} `resume` when `config.json` is missing; `invalid-config` when it is not
 *   JSON or not a valid configuration (naming the file).
 */
export async function readRunConfig(runDir: string): Promise<TrainConfig> {
  const file = join(runDir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `a run folder to resume must hold config.json, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TrainerError({
      code: 'invalid-config',
      file,
      message: `the run's config.json must be JSON, got: ${(error as Error).message.slice(0, 120)}`,
      cause: error,
    });
  }
  return parseTrainConfig(raw, { file });
}
