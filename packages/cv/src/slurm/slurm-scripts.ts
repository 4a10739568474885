import { chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { CV_FILES } from '../cv-layout';
import { CvError } from '../errors/cv-error';
import { checkSlurmResources, type SlurmResources } from './slurm-options';

/** What {@link writeSlurmScripts} writes the scripts for. */
export interface SlurmScriptOptions extends SlurmResources {
  /** The cross-validation folder (absolute in the scripts). */
  cvDir: string;
  /** The folds to run (0-based indices into folds.json): the array's task ids. */
  indices: readonly number[];
  /** The command that runs ct-fracture on a node, e.g. `[node, …/bin/ct-fracture.cjs]`. */
  command: readonly string[];
  /** At most this many fold tasks at once (`--array=…%N`); unset = as many as the cluster allows. */
  jobs?: number;
  /** The job name (default `ct-fracture-cv`). */
  jobName?: string;
}

/** The files {@link writeSlurmScripts} wrote, absolute. */
export interface SlurmScripts {
  /** The fold array: one task per fold, each `ct-fracture cv-fold <cv> $SLURM_ARRAY_TASK_ID`. */
  array: string;
  /** The aggregation job: `ct-fracture cv report <cv>`, submitted with `--dependency=afterok:<array>`. */
  report: string;
  /** Submits both: `sh <cv>/slurm/submit.sh`. */
  submit: string;
}

/** A word quoted for the shell: `'…'` with `'` written `'\''`. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Contiguous runs as Slurm array syntax: [0, 1, 2, 5] → `0-2,5`. */
export function arraySpec(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function resourceLines(options: SlurmResources): string[] {
  return [
    options.partition === undefined ? null : `#SBATCH --partition=${options.partition}`,
    options.time === undefined ? null : `#SBATCH --time=${options.time}`,
    options.gpus === undefined ? null : `#SBATCH --gpus=${options.gpus}`,
    options.cpus === undefined ? null : `#SBATCH --cpus-per-task=${options.cpus}`,
    options.mem === undefined ? null : `#SBATCH --mem=${options.mem}`,
  ].filter((line): line is string => line !== null);
}

/** The sbatch scripts' texts (see {@link writeSlurmScripts}). */
export function slurmScriptTexts(options: SlurmScriptOptions): Record<keyof SlurmScripts, string> {
  checkSlurmResources(options);
  if (options.indices.length === 0) {
    throw new CvError({
      code: 'invalid-option',
      message: 'a Slurm array needs at least one fold to run, got none',
    });
  }
  const cvDir = resolve(options.cvDir);
  const slurmDir = join(cvDir, CV_FILES.slurm);
  const name = options.jobName ?? 'ct-fracture-cv';
  const command = options.command.map(shellQuote).join(' ');
  const throttle = options.jobs === undefined ? '' : `%${options.jobs}`;
  const array = [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    `#SBATCH --array=${arraySpec(options.indices)}${throttle}`,
    `#SBATCH --output=${join(slurmDir, 'fold-%a.out')}`,
    ...resourceLines(options),
    '# Written by ct-fracture cv: one array task per fold. Each task trains an ordinary run in',
    `# ${cvDir}/fold-<i> from the cross-validation's cv.json and folds.json (everything a fold`,
    '# needs is in that folder: any node with the shared file system can run it). A fold resumes',
    '# from its checkpoints/last when requeued, and exits at once when it has finished.',
    'set -euo pipefail',
    '# One compute thread per allocated CPU, so that tasks sharing a node do not oversubscribe it.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'export CTF_ONEDNN_THREADS="${SLURM_CPUS_PER_TASK:-1}"',
    'export OMP_NUM_THREADS="$CTF_ONEDNN_THREADS"',
    `exec ${command} cv-fold ${shellQuote(cvDir)} "$SLURM_ARRAY_TASK_ID"`,
    '',
  ].join('\n');
  const report = [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}-report`,
    `#SBATCH --output=${join(slurmDir, 'report.out')}`,
    ...resourceLines({ partition: options.partition, time: options.time, mem: options.mem }),
    '#SBATCH --cpus-per-task=1',
    '# Written by ct-fracture cv: aggregates the folds (oof-predictions.csv, metrics.json,',
    '# report.html). Submitted with --dependency=afterok:<fold array job> by submit.sh.',
    'set -euo pipefail',
    `exec ${command} cv report ${shellQuote(cvDir)}`,
    '',
  ].join('\n');
  const submit = [
    '#!/bin/sh',
    '# Submits the fold array, then the report job that runs when every fold task succeeded.',
    'set -eu',
    `array=$(sbatch --parsable ${shellQuote(join(slurmDir, 'cv.sbatch'))})`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'array=${array%%;*}',
    `report=$(sbatch --parsable --dependency=afterok:"$array" ${shellQuote(join(slurmDir, 'report.sbatch'))})`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
    'echo "fold array job $array, report job ${report%%;*} (after every fold task succeeded)"',
    '',
  ].join('\n');
  return { array, report, submit };
}

/**
 * Writes `<cv>/slurm/cv.sbatch` (a job array, one task per fold, each running `ct-fracture
 * cv-fold <cv> $SLURM_ARRAY_TASK_ID` with `CTF_ONEDNN_THREADS` = the task's CPUs),
 * `<cv>/slurm/report.sbatch` (`ct-fracture cv report <cv>`) and `<cv>/slurm/submit.sh`, which
 * submits the array and then the report job with `--dependency=afterok:<array job>`. Job output
 * goes to `<cv>/slurm/fold-<i>.out` and `report.out`.
 * @throws {CvError} `invalid-option` for a malformed resource (naming the flag) or no folds;
 * `io` when the folder cannot be written.
 * @example
 * await writeSlurmScripts({ cvDir: 'runs/cv', indices: [0, 1, 2, 3, 4], command: ['ct-fracture'], partition: 'gpu', time: '2-00:00:00', cpus: 8, mem: '32G' });
 */
export async function writeSlurmScripts(options: SlurmScriptOptions): Promise<SlurmScripts> {
  const texts = slurmScriptTexts(options);
  const slurmDir = join(resolve(options.cvDir), CV_FILES.slurm);
  const files: SlurmScripts = {
    array: join(slurmDir, 'cv.sbatch'),
    report: join(slurmDir, 'report.sbatch'),
    submit: join(slurmDir, 'submit.sh'),
  };
  try {
    for (const key of ['array', 'report', 'submit'] as const) {
      await writeFileAtomic(files[key], texts[key]);
      await chmod(files[key], 0o755);
    }
  } catch (error) {
    throw new CvError({
      code: 'io',
      file: slurmDir,
      message: `the Slurm scripts must be writable, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  return files;
}
