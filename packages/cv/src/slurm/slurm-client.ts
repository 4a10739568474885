import { execFile } from 'node:child_process';
import { CvError } from '../errors/cv-error';
import type { SlurmScripts } from './slurm-scripts';

/** Where Slurm's commands run: the environment (e.g. `SLURM_CONF`) and working folder. */
export interface SlurmEnvironment {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a Slurm client command; resolves with its stdout, rejects with a one-line CvError. */
function slurmCommand(
  program: string,
  args: readonly string[],
  what: string,
  environment: SlurmEnvironment,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { env: environment.env ?? process.env, cwd: environment.cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const said =
          `${stderr}`
            .split('\n')
            .map((line) => line.trim())
            .find((line) => line !== '') ?? error.message.split('\n')[0];
        reject(
          new CvError({
            code: 'slurm',
            message: missing
              ? `${program} must be on PATH to ${what} (Slurm's client commands), got none`
              : `${program} could not ${what}: ${said}`,
            cause: error,
          }),
        );
      },
    );
  });
}

/**
 * The partitions Slurm knows (`sinfo -h -o %R`).
 * @throws {CvError} `slurm` when `sinfo` is missing or fails (e.g. no controller answers).
 * @example
 * await slurmPartitions(); // ['debug', 'gpu']
 */
export async function slurmPartitions(environment: SlurmEnvironment = {}): Promise<string[]> {
  const out = await slurmCommand('sinfo', ['-h', '-o', '%R'], 'list the partitions', environment);
  return [
    ...new Set(
      out
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ];
}

/**
 * Asks `sinfo` whether `partition` exists (each of a comma-separated list).
 * @throws {CvError} `invalid-option` naming the unknown partition and the known ones; `slurm`
 * when `sinfo` is missing or fails.
 */
export async function checkPartition(
  partition: string,
  environment: SlurmEnvironment = {},
): Promise<void> {
  const known = await slurmPartitions(environment);
  const unknown = partition.split(',').find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new CvError({
      code: 'invalid-option',
      message: `--partition must be a partition Slurm knows (sinfo lists ${known.join(', ') || 'none'}), got ${JSON.stringify(unknown)}`,
    });
  }
}

/** The job id in `sbatch --parsable` output (`123` or `123;cluster`). */
function jobId(out: string, script: string): string {
  const id = out.trim().split(';')[0] ?? '';
  if (!/^\d+$/.test(id)) {
    throw new CvError({
      code: 'slurm',
      file: script,
      message: `sbatch --parsable must print a job id, got ${JSON.stringify(out.trim())}`,
    });
  }
  return id;
}

/**
 * Submits the fold array, then the report job with `--dependency=afterok:<array job>` (it runs
 * when every fold task has succeeded).
 * @returns the two job ids.
 * @throws {CvError} `slurm` with sbatch's own message when it refuses a script (unknown
 * partition, too much time or memory, …) or is missing.
 * @example
 * const { arrayJob, reportJob } = await submitSlurm(scripts);
 */
export async function submitSlurm(
  scripts: SlurmScripts,
  environment: SlurmEnvironment = {},
): Promise<{ arrayJob: string; reportJob: string }> {
  const arrayJob = jobId(
    await slurmCommand(
      'sbatch',
      ['--parsable', scripts.array],
      `submit ${scripts.array}`,
      environment,
    ),
    scripts.array,
  );
  const reportJob = jobId(
    await slurmCommand(
      'sbatch',
      ['--parsable', `--dependency=afterok:${arrayJob}`, scripts.report],
      `submit ${scripts.report}`,
      environment,
    ),
    scripts.report,
  );
  return { arrayJob, reportJob };
}
