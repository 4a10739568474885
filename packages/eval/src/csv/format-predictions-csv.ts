import { readFile } from 'node:fs/promises';
import { EvaluationError } from '../errors/evaluation-error';
import { prepareTask } from '../prepare-task';
import type { PredictionTable } from '../task-predictions';
import { writeEvaluationFile } from '../write-file';
import {
  type PredictionsCsvOptions,
  type PredictionsFile,
  parsePredictionsCsv,
} from './predictions-csv';

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Formats a predictions table as predictions.csv (DESIGN.md): `patient_id`, then per task
 * `T_true` (empty when missing), `T_pred` (the task's `predicted` classes when given, else
 * threshold 0.5 / arg-max) and `T_p_<class>` per class.
 * Probabilities are written in JavaScript's shortest round-trip form, so reading them back gives
 * the same numbers. Line ends are LF.
 * @throws {@link EvaluationError} `invalid-input` when a task's arrays do not match the rows.
 * @example
 * ```ts
 * formatPredictionsCsv({
 *   patientIds: ['p1'],
 *   tasks: [{ task: { name: 'varus', kind: 'binary', classes: ['no', 'yes'] }, truth: [1], probabilities: [0.8] }],
 * });
 * // 'patient_id,varus_true,varus_pred,varus_p_no,varus_p_yes\np1,yes,yes,0.19999999999999996,0.8\n'
 * ```
 */
export function formatPredictionsCsv(table: PredictionTable): string {
  const rows = table.patientIds.length;
  const header = ['patient_id'];
  const columns = table.tasks.map((taskPredictions) => {
    const { task, truth } = taskPredictions;
    if (truth.length !== rows) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `task '${task.name}' must have ${rows} rows like patientIds, got ${truth.length}`,
        column: task.name,
      });
    }
    prepareTask(taskPredictions); // validates truth and probabilities
    // Every row (truth zeroed) so that rows with a missing label keep their probabilities.
    const all = prepareTask({ ...taskPredictions, truth: new Int32Array(rows) });
    header.push(
      `${task.name}_true`,
      `${task.name}_pred`,
      ...task.classes.map((c) => `${task.name}_p_${c}`),
    );
    return {
      task,
      truth,
      probabilities: all.probabilities,
      predicted: all.predicted,
    };
  });
  const lines = [header.map(quote).join(',')];
  for (let r = 0; r < rows; r++) {
    const fields = [quote(table.patientIds[r]!)];
    for (const { task, truth, probabilities, predicted } of columns) {
      const k = task.classes.length;
      const t = truth[r]!;
      fields.push(t < 0 ? '' : quote(task.classes[t]!), quote(task.classes[predicted[r]!]!));
      for (let c = 0; c < k; c++) fields.push(String(probabilities[r * k + c]!));
    }
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes predictions.csv atomically (see {@link formatPredictionsCsv}).
 * @throws {@link EvaluationError} `invalid-input` for inconsistent arrays, `io` when the file
 * cannot be written.
 * @example
 * ```ts
 * await writePredictionsCsv('out/predictions.csv', table);
 * ```
 */
export async function writePredictionsCsv(path: string, table: PredictionTable): Promise<void> {
  await writeEvaluationFile(path, formatPredictionsCsv(table));
}

/**
 * Reads and parses a predictions.csv (see {@link parsePredictionsCsv}).
 * @throws {@link EvaluationError} `io` when the file cannot be read, and the parse errors.
 * @example
 * ```ts
 * const { tasks, notes } = await readPredictionsCsv('runs/x/predictions.csv');
 * ```
 */
export async function readPredictionsCsv(
  path: string,
  options: Omit<PredictionsCsvOptions, 'file'> = {},
): Promise<PredictionsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EvaluationError({
      code: 'io',
      message: `the predictions file must be readable, got ${(error as Error).message}`,
      file: path,
      cause: error,
    });
  }
  return parsePredictionsCsv(text, { ...options, file: path });
}
