import { quoteValue } from '@ct-fracture/core';
import {
  computeMetrics,
  DEFAULT_ORDINAL_TASKS,
  formatMetricsText,
  readPredictionsCsv,
} from '@ct-fracture/eval';
import { Command } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

function integerOption(flag: string, raw: string, minimum: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new UsageError(`${flag} must be an integer >= ${minimum}, got '${raw}'`);
  }
  return value;
}

/**
 * `ct-fracture metrics PREDICTIONS.csv [--json]`: metrics of a predictions file (DESIGN.md
 * layout) with stratified bootstrap 95 % CIs. A text table by default; `--json` prints exactly
 * the metrics JSON document. A bad file is one line naming file, line and column (exit 1).
 */
export function metricsCommand(io: Io): Command {
  return new Command('metrics')
    .summary('compute metrics for a predictions.csv')
    .description(
      'Compute metrics for a predictions.csv (patient_id, then per task T: T_true, T_pred, ' +
        'T_p_<class>…): accuracy, balanced accuracy, macro F1, Cohen’s kappa (quadratic for ordinal ' +
        'tasks), per-class AUC / sensitivity / specificity / PPV / NPV / F1, confusion matrices, ' +
        'calibration, and stratified bootstrap 95 % confidence intervals. Class metrics use T_pred ' +
        'as given (e.g. made at a tuned operating point); AUC and calibration use the ' +
        'probabilities. Rows where T_pred differs from the probabilities’ threshold 0.5 / arg-max ' +
        'are noted on stderr.',
    )
    .argument('<predictions>', 'the predictions.csv file')
    .option('--json', 'print the metrics JSON document (and nothing else) on stdout')
    .option('--resamples <n>', 'bootstrap resamples (>= 100)', '1000')
    .option('--seed <n>', 'bootstrap seed', '0')
    .option(
      '--ordinal <tasks>',
      `comma-separated ordinal tasks (quadratic kappa); default: ${DEFAULT_ORDINAL_TASKS.join(',')}`,
    )
    .action(
      async (
        file: string,
        options: { json?: boolean; resamples: string; seed: string; ordinal?: string },
      ) => {
        const resamples = integerOption('--resamples', options.resamples, 100);
        const seed = integerOption('--seed', options.seed, 0);
        const ordinal = options.ordinal
          ?.split(',')
          .map((task) => task.trim())
          .filter((task) => task !== '');
        const predictions = await readPredictionsCsv(
          file,
          ordinal === undefined ? {} : { ordinal },
        );
        const tasks = predictions.tasks.map(({ task }) => task.name);
        const unknown = ordinal?.find((task) => !tasks.includes(task));
        if (unknown !== undefined) {
          throw new UsageError(
            `--ordinal must name tasks of ${file} (${tasks.join(', ')}), got ${quoteValue(unknown)}`,
          );
        }
        for (const note of predictions.notes) io.err(`ct-fracture: note: ${note}\n`);
        const metrics = computeMetrics(predictions, { resamples, seed });
        io.out(options.json ? `${JSON.stringify(metrics, null, 2)}\n` : formatMetricsText(metrics));
      },
    );
}
