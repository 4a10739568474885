import { join, resolve } from 'node:path';
import {
  aggregateCrossValidation,
  type CrossValidationAggregate,
  checkPartition,
  checkSlurmResources,
  createCrossValidation,
  crossValidationStatus,
  type FoldOutcome,
  runCrossValidation,
  runFoldProcess,
  type SlurmResources,
  submitSlurm,
  threadsPerJob,
  writeSlurmScripts,
} from '@ct-fracture/cv';
import { readTrainConfig, runTimestamp } from '@ct-fracture/trainer';
import { Command } from 'commander';
import { setUpBackend } from '../backend';
import { CliInputError, UsageError } from '../cli-error';
import type { Io } from '../run-action';
import { interruptedFold, runCvFold } from './cv-fold';
import { overridesFrom, type TrainFlags, withConfigOptions } from './train';

interface CvFlags extends TrainFlags {
  folds?: string;
  repeats?: string;
  out?: string;
  includeTest?: boolean;
  jobs?: string;
  slurm?: boolean;
  partition?: string;
  time?: string;
  gpus?: string;
  cpus?: string;
  mem?: string;
  submit?: boolean;
}

function integer(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  }
  return value;
}

/** The training flags a `--resume` must not carry (the cross-validation has its own cv.json). */
const NEW_ONLY = ['folds', 'repeats', 'out', 'includeTest', 'config'] as const;

const SLURM_ONLY = ['partition', 'time', 'gpus', 'cpus', 'mem', 'submit'] as const;

/** The command that runs this ct-fracture: node and the CLI script, absolute. */
function selfCommand(): string[] {
  return [process.execPath, resolve(process.argv[1]!)];
}

/** Creates the cross-validation folder (folds before anything trains), or reopens `--resume`. */
async function openCrossValidation(flags: CvFlags, io: Io): Promise<string> {
  if (flags.resume !== undefined) {
    const given = NEW_ONLY.find((key) => flags[key] !== undefined);
    if (given !== undefined || overridesFrom(flags).length > 0) {
      const flag =
        given === undefined
          ? 'the training flags'
          : `--${given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new UsageError(
        `--resume continues a cross-validation with its own cv.json; drop ${flag}`,
      );
    }
    const { manifest, folds } = await crossValidationStatus(flags.resume);
    const finished = folds.filter((fold) => fold.status === 'finished').length;
    io.err(
      `resuming ${resolve(flags.resume)}: ${finished} of ${folds.length} folds finished (${manifest.folds} folds${manifest.repeats > 1 ? ` × ${manifest.repeats}` : ''})\n`,
    );
    return resolve(flags.resume);
  }
  const folds = integer('--folds', flags.folds, 2);
  if (folds === undefined) throw new UsageError('cv needs --folds K (an integer ≥ 2)');
  const repeats = integer('--repeats', flags.repeats, 1) ?? 1;
  const config = await readTrainConfig(flags.config ?? null, overridesFrom(flags));
  const cvDir = resolve(
    flags.out ?? join(config.training.runsDir, `cv-${runTimestamp(new Date())}`),
  );
  const { manifest } = await createCrossValidation({
    cvDir,
    config,
    folds,
    repeats,
    includeTest: flags.includeTest === true,
    warn: (message) => io.err(`warning: ${message}\n`),
  });
  io.err(
    `${manifest.patients} patients in ${folds} stratified folds${repeats > 1 ? ` × ${repeats} repeats` : ''} (seed ${manifest.seed}, test split ${manifest.includeTest ? 'included' : 'untouched'}) → ${join(cvDir, 'folds.json')}\n`,
  );
  return cvDir;
}

/**
 * The fold tasks' Slurm resources from the flags, checked before anything is written: formats,
 * and the partition with sinfo (only a warning when sinfo cannot answer and nothing is submitted).
 */
async function slurmResources(flags: CvFlags, io: Io): Promise<SlurmResources> {
  const resources: SlurmResources = {
    partition: flags.partition,
    time: flags.time,
    gpus: integer('--gpus', flags.gpus, 1),
    cpus: integer('--cpus', flags.cpus, 1),
    mem: flags.mem,
  };
  checkSlurmResources(resources);
  if (resources.partition !== undefined) {
    try {
      await checkPartition(resources.partition);
    } catch (error) {
      const unchecked = (error as { code?: string }).code === 'slurm' && !flags.submit;
      if (!unchecked) throw error;
      io.err(`warning: --partition not checked: ${(error as Error).message}\n`);
    }
  }
  return resources;
}

/** Writes the Slurm scripts for the unfinished folds and, with `--submit`, submits them. */
async function slurm(cvDir: string, resources: SlurmResources, flags: CvFlags, io: Io) {
  const { folds } = await crossValidationStatus(cvDir);
  const indices = folds.filter((fold) => fold.status !== 'finished').map((fold) => fold.index);
  if (indices.length === 0) {
    throw new CliInputError(
      `${cvDir}: every fold has finished; aggregate with ct-fracture cv report ${cvDir}`,
    );
  }
  const scripts = await writeSlurmScripts({
    cvDir,
    indices,
    command: selfCommand(),
    ...resources,
    jobs: integer('--jobs', flags.jobs, 1),
  });
  io.err(`Slurm scripts: ${scripts.array} (folds ${indices.join(', ')}), ${scripts.report}\n`);
  if (!flags.submit) {
    io.err(`submit them with: sh ${scripts.submit}\n`);
    return { scripts, jobs: null };
  }
  const jobs = await submitSlurm(scripts);
  return { scripts, jobs };
}

/** Runs the unfinished folds here: in this process one after another, or as N child processes. */
async function runLocally(cvDir: string, flags: CvFlags, io: Io): Promise<FoldOutcome[]> {
  const jobs = integer('--jobs', flags.jobs, 1) ?? 1;
  const controller = new AbortController();
  const stop = () => controller.abort();
  const threads = threadsPerJob(jobs);
  if (jobs === 1) {
    const { manifest, folds } = await crossValidationStatus(cvDir);
    if (folds.some((fold) => fold.status !== 'finished')) {
      await setUpBackend(manifest.config.training.backend, io);
    }
  } else {
    io.err(`${jobs} folds at a time, ${threads} compute thread(s) each (CTF_ONEDNN_THREADS)\n`);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  try {
    const { outcomes } = await runCrossValidation({
      cvDir,
      jobs,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'skip') io.err(`${event.fold.name}: finished already, skipped\n`);
        if (jobs > 1 && event.type === 'start') {
          io.err(
            `${event.fold.name}: started (log: ${join(cvDir, 'logs', `${event.fold.name}.log`)})\n`,
          );
        }
        if (jobs > 1 && event.type === 'end') {
          io.err(
            `${event.fold.name}: ${event.error === null ? 'finished' : event.error.message}\n`,
          );
        }
      },
      runFold: async (fold) => {
        if (jobs > 1) {
          await runFoldProcess({
            command: [...selfCommand(), 'cv-fold', cvDir, String(fold.index)],
            fold: fold.index,
            threads,
            logFile: join(cvDir, 'logs', `${fold.name}.log`),
            signal: controller.signal,
          });
          return;
        }
        if ((await runCvFold(cvDir, fold.index, io, { backendReady: true })) === 'interrupted') {
          controller.abort(); // no further fold starts
          throw interruptedFold(null, fold.index);
        }
      },
    });
    return outcomes;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The aggregate's headline: per task pooled balanced accuracy (95 % CI) and fold mean ± SD. */
function headline(aggregate: CrossValidationAggregate): string[] {
  const { pooled, summary } = aggregate.metrics;
  const f = (value: number | null | undefined) => (value == null ? 'n/a' : value.toFixed(3));
  return Object.entries(pooled.tasks).map(([task, metrics]) => {
    const ci = metrics.ci95.balanced_accuracy;
    const spread = summary[task]?.balanced_accuracy;
    return `${task.padEnd(18)} balanced accuracy pooled ${f(metrics.balanced_accuracy)}${ci ? ` [${f(ci.lower)}, ${f(ci.upper)}]` : ''}, folds ${f(spread?.mean)} ± ${f(spread?.sd)} (sample SD)`;
  });
}

/** `cv report <cv>` and the end of `cv`: aggregate and print. */
async function report(cvDir: string, io: Io, json: boolean, extra: Record<string, unknown> = {}) {
  const aggregate = await aggregateCrossValidation(cvDir);
  const finished = aggregate.folds.filter((fold) => fold.status === 'finished').length;
  if (json) {
    io.out(
      `${JSON.stringify({
        cvDir,
        ...extra,
        folds: aggregate.folds.map(({ name, status, patients }) => ({ name, status, patients })),
        report: aggregate.reportPath,
        metrics: aggregate.metrics,
      })}\n`,
    );
    return aggregate;
  }
  io.out(
    [
      `cross-validation ${cvDir}: ${finished} of ${aggregate.folds.length} folds finished`,
      ...headline(aggregate).map((line) => `  ${line}`),
      `out-of-fold predictions: ${join(cvDir, 'oof-predictions.csv')}`,
      `report: ${aggregate.reportPath}`,
      '',
    ].join('\n'),
  );
  return aggregate;
}

function reportCommand(io: Io): Command {
  return new Command('report')
    .summary('aggregate the finished folds of a cross-validation')
    .description(
      'Aggregate whatever folds of <cv> have finished: oof-predictions.csv (their validation ' +
        'predictions, each patient once), metrics.json = {pooled, folds, summary} (pooled: ' +
        'the metrics of oof-predictions.csv with 95 % CIs, as ct-fracture metrics gives them; ' +
        'summary: mean and sample SD, ddof = 1, over folds) and report.html.',
    )
    .argument('<cv>', 'the cross-validation folder')
    .option('--json', 'print {cvDir, folds, report, metrics} as one JSON document on stdout')
    .action(async (cvDir: string, flags: { json?: boolean }) => {
      await report(resolve(cvDir), io, flags.json === true);
    });
}

/** `ct-fracture cv --data DIR --folds K …`: k-fold cross-validation, locally or on Slurm. */
export function cvCommand(io: Io): Command {
  const command = new Command('cv')
    .summary('k-fold cross-validation, locally or as a Slurm job array')
    .description(
      'Patient-level, stratified k-fold cross-validation. The folds are written to ' +
        '<cv>/folds.json before anything trains: each patient in one validation fold, every ' +
        'class of every task within one patient of its share; the test split stays untouched ' +
        'unless --include-test. Each fold is an ordinary run folder <cv>/fold-<i> made by the ' +
        'same trainer (train flags and --config apply to every fold), then the folds are ' +
        'aggregated: oof-predictions.csv, metrics.json {pooled, folds, summary} with the mean ' +
        'and sample SD (ddof = 1) over folds, report.html.\n\n' +
        'Locally the folds run one after another, or --jobs N side by side (each with ⌊cores / ' +
        'N⌋ compute threads, output in <cv>/logs/). --slurm writes <cv>/slurm/cv.sbatch (a job ' +
        'array, one task per fold: ct-fracture cv-fold <cv> $SLURM_ARRAY_TASK_ID) and ' +
        'report.sbatch (ct-fracture cv report <cv>, after the array with --dependency=afterok); ' +
        '--submit submits both and prints the job ids. --resume <cv> continues an interrupted ' +
        'cross-validation fold by fold (finished folds are skipped). ct-fracture cv report <cv> ' +
        'aggregates whatever folds have finished.',
    )
    .option('--folds <k>', 'number of folds (2 to the patient count of the smallest class)')
    .option('--repeats <r>', 'repeat the k folds r times, repetition i with seed + i (default 1)')
    .option('--out <dir>', 'the cross-validation folder (default <runs-dir>/cv-<timestamp>)')
    .option('--include-test', 'split the test split’s patients too (default: leave it untouched)')
    .option('--resume <cv>', 'continue this cross-validation: run the folds that have not finished')
    .option('--runs-dir <dir>', 'parent of the default --out (training.runsDir, default runs)')
    .option('--jobs <n>', 'folds at once: local processes, or the Slurm array’s %N limit');
  return withConfigOptions(command)
    .option('--slurm', 'write Slurm scripts (<cv>/slurm/) instead of training here')
    .option('--partition <p>', 'Slurm partition of the fold tasks (checked with sinfo)')
    .option('--time <t>', 'Slurm time limit per fold, e.g. 2-00:00:00')
    .option('--gpus <g>', 'GPUs per fold task')
    .option('--cpus <c>', 'CPUs per fold task (also its compute threads)')
    .option('--mem <m>', 'memory per fold task, e.g. 32G')
    .option('--submit', 'submit the array and the report job with sbatch and print the job ids')
    .option(
      '--json',
      'print one JSON document (folder, folds, report, metrics or job ids) on stdout',
    )
    .addCommand(reportCommand(io))
    .action(async (flags: CvFlags) => {
      if (!flags.slurm) {
        const given = SLURM_ONLY.find((key) => flags[key] !== undefined);
        if (given !== undefined) throw new UsageError(`--${given} needs --slurm`);
      }
      const resources = flags.slurm ? await slurmResources(flags, io) : null;
      integer('--jobs', flags.jobs, 1);
      const cvDir = await openCrossValidation(flags, io);
      if (resources !== null) {
        const { scripts, jobs } = await slurm(cvDir, resources, flags, io);
        if (jobs !== null) {
          io.err(
            `submitted: fold array job ${jobs.arrayJob}, report job ${jobs.reportJob} (afterok:${jobs.arrayJob})\n`,
          );
        }
        if (flags.json) io.out(`${JSON.stringify({ cvDir, slurm: { ...scripts, ...jobs } })}\n`);
        else if (jobs !== null) io.out(`${jobs.arrayJob} ${jobs.reportJob}\n`);
        return;
      }
      const outcomes = await runLocally(cvDir, flags, io);
      const failed = outcomes.filter((outcome) => outcome.error !== null);
      const { folds } = await crossValidationStatus(cvDir);
      if (folds.some((fold) => fold.status === 'finished')) {
        await report(cvDir, io, flags.json === true);
      }
      if (failed.length > 0 || folds.some((fold) => fold.status !== 'finished')) {
        const first = failed[0]?.error?.message ?? 'interrupted';
        throw new CliInputError(
          `${folds.filter((fold) => fold.status !== 'finished').length} of ${folds.length} folds have not finished (${first.split('\n')[0]}); continue with ct-fracture cv --resume ${cvDir}`,
        );
      }
    });
}
