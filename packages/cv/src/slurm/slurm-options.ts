import { CvError } from '../errors/cv-error';

/** Resources of each fold task (sbatch options); unset ones are left to the cluster's defaults. */
export interface SlurmResources {
  /** `--partition`. */
  partition?: string;
  /** `--time`: minutes, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`. */
  time?: string;
  /** `--gpus` per fold task. */
  gpus?: number;
  /** `--cpus-per-task`: also the fold's compute threads (`CTF_ONEDNN_THREADS`). */
  cpus?: number;
  /** `--mem` per fold task: a size in MB, or with a unit K, M, G or T (`32G`). */
  mem?: string;
}

const TIME = /^(\d+-\d{1,2}(:\d{1,2}(:\d{1,2})?)?|\d+(:\d{1,2}(:\d{1,2})?)?|UNLIMITED|INFINITE)$/i;
const MEMORY = /^\d+[KMGT]?$/i;
const PARTITION = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;

function invalid(flag: string, value: string, expected: string): CvError {
  return new CvError({
    code: 'invalid-option',
    message: `${flag} must be ${expected}, got ${JSON.stringify(value)}`,
  });
}

/**
 * Checks the resources' formats as sbatch reads them (whether a partition exists is
 * `checkPartition`'s question for `sinfo`).
 * @throws {CvError} `invalid-option` naming the flag, e.g.
 * `--time must be minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]], got "2 days"`.
 */
export function checkSlurmResources(resources: SlurmResources): void {
  const { partition, time, gpus, cpus, mem } = resources;
  if (partition !== undefined && !PARTITION.test(partition)) {
    throw invalid('--partition', partition, 'a Slurm partition name (letters, digits, _ . -)');
  }
  if (time !== undefined && !TIME.test(time)) {
    throw invalid('--time', time, 'minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]');
  }
  for (const [flag, value] of [
    ['--gpus', gpus],
    ['--cpus', cpus],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw invalid(flag, String(value), 'a positive integer');
    }
  }
  if (mem !== undefined && !MEMORY.test(mem)) {
    throw invalid('--mem', mem, 'a size in MB or with a unit K, M, G or T (e.g. 32G)');
  }
}
