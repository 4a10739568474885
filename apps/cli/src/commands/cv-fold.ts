import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { foldRun } from '@ct-fracture/cv';
import { checkTrainingData } from '@ct-fracture/trainer';
import { Command } from 'commander';
import { setUpBackend } from '../backend';
import { CliInputError, UsageError } from '../cli-error';
import type { Io } from '../run-action';
import { finishRun, trainUntilSignal } from './train';

/** `<index>` of `cv-fold`: an integer ≥ 0. */
export function foldIndex(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) {
    throw new UsageError(`the fold index must be an integer ≥ 0, got '${text}'`);
  }
  return value;
}

/**
 * Runs fold `index` of a cross-validation to its end, from where it stands: a finished fold is
 * left alone, a trained one gets its report, a started one resumes from `checkpoints/last`, a
 * pending one trains from scratch — then the best checkpoint's validation report (metrics.json,
 * predictions.csv, report.html) is written into the fold's run folder, as `train` does.
 * @param options.backendReady - the backend is set up already (folds run one after another).
 * @returns `interrupted` when a signal stopped training (checkpoints/last is written: the fold
 * resumes next time), else `finished`.
 */
export async function runCvFold(
  cvDir: string,
  index: number,
  io: Io,
  options: { backendReady?: boolean } = {},
): Promise<'finished' | 'interrupted'> {
  const { config, info } = await foldRun(cvDir, index);
  if (info.status === 'finished') {
    io.err(`${info.name}: finished already (${info.dir})\n`);
    return 'finished';
  }
  if (!options.backendReady) await setUpBackend(config.training.backend, io);
  io.err(
    `${info.name}: ${info.status === 'pending' ? 'training' : info.status === 'started' ? 'resuming' : 'reporting'} → ${info.dir}\n`,
  );
  let run: Parameters<typeof finishRun>[0];
  if (info.status === 'trained') {
    const data = await checkTrainingData(config.data, config.training.seed, (warning) =>
      io.err(`${info.name}: ${warning}\n`),
    );
    const best = join(info.dir, 'checkpoints', 'best');
    run = {
      runDir: info.dir,
      checkpoints: {
        last: join(info.dir, 'checkpoints', 'last'),
        best: existsSync(best) ? best : null,
      },
      validationSamples: data.validation,
    };
  } else {
    const result = await trainUntilSignal(config, {
      resume: info.status === 'started' ? info.dir : undefined,
      io,
    });
    if (result.reason === 'interrupted') return 'interrupted';
    run = result;
  }
  const report = await finishRun(run, config, { report: true, explain: 0, io });
  if (report === null) {
    throw new CliInputError(`${info.dir}: the fold must end with a validation report, got none`);
  }
  io.err(`${info.name}: finished → ${report.reportPath}\n`);
  return 'finished';
}

/** The error of a fold a signal interrupted (with how to continue, unless `cvDir` is null). */
export function interruptedFold(cvDir: string | null, index: number): CliInputError {
  const hint = cvDir === null ? '' : `: ct-fracture cv --resume ${cvDir} continues it`;
  return new CliInputError(`fold-${index} was interrupted (checkpoints/last written)${hint}`);
}

/** `ct-fracture cv-fold <cv> <index>`: train and report one fold of a cross-validation. */
export function cvFoldCommand(io: Io): Command {
  return new Command('cv-fold')
    .summary('train and report one fold of a cross-validation (Slurm array task)')
    .description(
      'Train and report fold <index> (0-based) of the cross-validation in <cv>, written by ' +
        'ct-fracture cv: an ordinary run folder <cv>/fold-<index> (config.json, metrics.jsonl, ' +
        'checkpoints, then the best checkpoint on the fold’s validation patients: metrics.json, ' +
        'predictions.csv, report.html). Everything it needs is in <cv> (cv.json, folds.json), so ' +
        'any machine that sees the folder can run it: a Slurm array task (cv-fold <cv> ' +
        '$SLURM_ARRAY_TASK_ID), a Kubernetes Indexed Job (cv-fold <cv> $JOB_COMPLETION_INDEX) or ' +
        'a shell. It resumes from checkpoints/last and does nothing for a finished fold, so a ' +
        'requeued task is safe. Compute threads: CTF_ONEDNN_THREADS (default every core).',
    )
    .argument('<cv>', 'the cross-validation folder')
    .argument('<index>', 'the fold, 0-based')
    .action(async (cvDir: string, index: string) => {
      const fold = foldIndex(index);
      if ((await runCvFold(cvDir, fold, io)) === 'interrupted') throw interruptedFold(cvDir, fold);
    });
}
