import { quoteValue } from '@ct-fracture/core';
import { DEFAULT_TASKS } from '../default-tasks';
import { EvaluationError } from '../errors/evaluation-error';
import { predictClasses } from '../metrics/predict-classes';
import type { EvaluationTask, PredictionTable, TaskPredictions } from '../task-predictions';
import { type CsvRecord, parseCsv } from './parse-csv';
import {
  checkProbabilitySum,
  checkUniquePatient,
  PROBABILITY_SUM_TOLERANCE,
} from './predictions-checks';

/** Options of {@link parsePredictionsCsv}. */
export interface PredictionsCsvOptions {
  /** The file name, for error messages. */
  file?: string;
  /**
   * Known task specifications (e.g. a checkpoint's label specification): a CSV task of the same
   * name must have the same classes in the same order, and takes its kind and ordinal flag.
   * Other tasks take them from the default specification when name and classes match, else are
   * binary with two classes and multiclass otherwise (not ordinal).
   */
  tasks?: readonly EvaluationTask[];
  /**
   * Names of the ordinal tasks; overrides the specifications. Default: the specification's flag
   * (given, else the default specification's).
   */
  ordinal?: readonly string[];
  /**
   * How far a row's probabilities of one task may sum from 1 (default 0.02: values rounded to
   * two decimals); `Infinity` accepts scores that are not distributions.
   */
  probabilitySumTolerance?: number;
}

/** A predictions file: the table, plus notes on what was found (e.g. `T_pred` disagreements). */
export interface PredictionsFile extends PredictionTable {
  notes: string[];
}

interface ColumnGroup {
  name: string;
  trueIndex: number;
  predIndex: number;
  classes: string[];
  firstProbability: number;
}

function headerError(file: string | undefined, column: string, message: string): EvaluationError {
  return new EvaluationError({ code: 'missing-columns', message, file, line: 1, column });
}

/** The classes of a task known by name (given specifications first, then the default ones). */
function knownClasses(
  name: string,
  known: readonly EvaluationTask[] | undefined,
): readonly string[] | undefined {
  return (
    known?.find((task) => task.name === name)?.classes ??
    DEFAULT_TASKS.find((task) => task.name === name)?.classes
  );
}

function groupColumns(
  header: string[],
  file: string | undefined,
  known: readonly EvaluationTask[] | undefined,
): ColumnGroup[] {
  if (header[0] !== 'patient_id') {
    throw headerError(
      file,
      header[0] ?? '',
      `the first column must be 'patient_id', got ${quoteValue(header[0] ?? '')}`,
    );
  }
  const groups: ColumnGroup[] = [];
  let i = 1;
  while (i < header.length) {
    const column = header[i]!;
    if (!column.endsWith('_true') || column.length <= 5) {
      throw headerError(
        file,
        column,
        `column ${i + 1} must be a task's 'T_true' column, got ${quoteValue(column)}`,
      );
    }
    const name = column.slice(0, -5);
    if (groups.some((group) => group.name === name)) {
      throw headerError(file, column, `each task must appear once, got '${column}' again`);
    }
    if (header[i + 1] !== `${name}_pred`) {
      throw headerError(
        file,
        header[i + 1] ?? column,
        `column ${i + 2} must be '${name}_pred', got '${header[i + 1] ?? '(end of header)'}'`,
      );
    }
    const prefix = `${name}_p_`;
    const classes: string[] = [];
    let j = i + 2;
    while (j < header.length && header[j]!.startsWith(prefix))
      classes.push(header[j++]!.slice(prefix.length));
    if (classes.length < 2) {
      const missing = knownClasses(name, known)?.find((c) => !classes.includes(c));
      throw headerError(
        file,
        missing === undefined ? `${prefix}<class>` : `${prefix}${missing}`,
        `task '${name}' must have at least two '${prefix}<class>' columns after '${name}_pred', got ${classes.length}${
          classes.length === 0 ? '' : ` (${classes.map((c) => `${prefix}${c}`).join(', ')})`
        }${missing === undefined ? '' : `: '${prefix}${missing}' is missing`}`,
      );
    }
    if (new Set(classes).size !== classes.length || classes.includes('')) {
      throw headerError(
        file,
        column,
        `task '${name}' must have distinct, non-empty class names, got ${classes.join(', ')}`,
      );
    }
    groups.push({ name, trueIndex: i, predIndex: i + 1, classes, firstProbability: i + 2 });
    i = j;
  }
  if (groups.length === 0)
    throw headerError(
      file,
      'patient_id',
      'the header must list at least one task (T_true, T_pred, T_p_<class>…), got none',
    );
  return groups;
}

function resolveTask(group: ColumnGroup, options: PredictionsCsvOptions): EvaluationTask {
  const spec = options.tasks?.find((task) => task.name === group.name);
  if (spec !== undefined && spec.classes.join('\u0000') !== group.classes.join('\u0000')) {
    const differs = spec.classes.findIndex((c, index) => group.classes[index] !== c);
    throw headerError(
      options.file,
      `${group.name}_p_${group.classes[differs] ?? spec.classes[differs] ?? '<class>'}`,
      `task '${group.name}' must have the classes ${spec.classes.join(', ')} in that order, got ${group.classes.join(', ')}`,
    );
  }
  const fallback = DEFAULT_TASKS.find(
    (task) =>
      task.name === group.name && task.classes.join('\u0000') === group.classes.join('\u0000'),
  );
  const known = spec ?? fallback;
  const ordinal = options.ordinal?.includes(group.name) ?? known?.ordinal ?? false;
  return {
    name: group.name,
    kind: known?.kind ?? (group.classes.length === 2 ? 'binary' : 'multiclass'),
    classes: group.classes,
    ordinal,
  };
}

function classIndex(
  record: CsvRecord,
  index: number,
  header: string[],
  classes: string[],
  file: string | undefined,
  allowEmpty: boolean,
): number {
  const value = record.fields[index]!;
  if (value === '' && allowEmpty) return -1;
  const c = classes.indexOf(value);
  if (c < 0) {
    throw new EvaluationError({
      code: 'invalid-value',
      message: `the value must be one of ${classes.join(', ')}${allowEmpty ? ' or empty (missing)' : ''}, got ${quoteValue(value)}`,
      file,
      line: record.line,
      column: header[index],
      value,
    });
  }
  return c;
}

/**
 * Parses a predictions.csv (DESIGN.md): `patient_id`, then per task `T_true` (class name, empty
 * when missing), `T_pred`, and `T_p_<class>` per class in the task's order. Tasks and classes come
 * from the header. `T_pred` is the prediction (class metrics use it as given, e.g. made at a tuned
 * operating point); rows where it differs from the probabilities' threshold 0.5 / arg-max are
 * counted in `notes`.
 * @param text - the CSV text.
 * @param options - file name, known task specifications, ordinal tasks.
 * @throws {@link EvaluationError} naming file, line and column: `missing-columns` for a header
 * that does not follow the layout (naming the missing `T_p_<class>` column when the task is
 * known), `csv-syntax` for bad quoting or a wrong field count, `invalid-input` for a file with
 * no rows after the header, `invalid-value` for an unknown class name, an empty or repeated
 * `patient_id`, a probability that is not a number in [0, 1] or a row whose probabilities of a
 * task do not sum to 1 (± `probabilitySumTolerance`).
 * @example
 * ```ts
 * const file = parsePredictionsCsv('patient_id,varus_true,varus_pred,varus_p_no,varus_p_yes\np1,yes,yes,0.2,0.8\n');
 * file.tasks[0]!.task.kind; // 'binary'
 * ```
 */
export function parsePredictionsCsv(
  text: string,
  options: PredictionsCsvOptions = {},
): PredictionsFile {
  const { file } = options;
  const records = parseCsv(text, file);
  if (records.length === 0)
    throw headerError(
      file,
      'patient_id',
      'the file must start with a header line, got an empty file',
    );
  const header = records[0]!.fields;
  const groups = groupColumns(header, file, options.tasks);

  const rows = records.length - 1;
  if (rows === 0) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: 'the file must have at least one row after the header, got none',
      file,
      line: 2,
    });
  }
  const seen = new Map<string, number>();
  const patientIds: string[] = [];
  const truths = groups.map(() => new Int32Array(rows));
  const predictedInFile = groups.map(() => new Int32Array(rows));
  const probabilities = groups.map((group) => new Float64Array(rows * group.classes.length));
  for (let r = 0; r < rows; r++) {
    const record = records[r + 1]!;
    const fields = record.fields;
    if (fields.length !== header.length) {
      throw new EvaluationError({
        code: 'csv-syntax',
        message: `each row must have ${header.length} fields like the header, got ${fields.length}`,
        file,
        line: record.line,
        column: header[Math.min(fields.length, header.length) - 1],
      });
    }
    if (fields[0] === '') {
      throw new EvaluationError({
        code: 'invalid-value',
        message: 'patient_id must not be empty',
        file,
        line: record.line,
        column: 'patient_id',
        value: '',
      });
    }
    checkUniquePatient(seen, fields[0]!, file, record.line);
    patientIds.push(fields[0]!);
    groups.forEach((group, g) => {
      const k = group.classes.length;
      truths[g]![r] = classIndex(record, group.trueIndex, header, group.classes, file, true);
      predictedInFile[g]![r] = classIndex(
        record,
        group.predIndex,
        header,
        group.classes,
        file,
        false,
      );
      for (let c = 0; c < k; c++) {
        const raw = fields[group.firstProbability + c]!;
        const p = raw.trim() === '' ? Number.NaN : Number(raw);
        if (!(p >= 0 && p <= 1)) {
          throw new EvaluationError({
            code: 'invalid-value',
            message: `a probability must be a number in [0, 1], got ${quoteValue(raw)}`,
            file,
            line: record.line,
            column: header[group.firstProbability + c],
            value: raw,
          });
        }
        probabilities[g]![r * k + c] = p;
      }
      checkProbabilitySum(
        probabilities[g]!.subarray(r * k, r * k + k),
        header.slice(group.firstProbability, group.firstProbability + k),
        options.probabilitySumTolerance ?? PROBABILITY_SUM_TOLERANCE,
        { file, line: record.line },
      );
    });
  }
  const notes: string[] = [];
  const tasks: TaskPredictions[] = groups.map((group, g) => {
    const task = resolveTask(group, options);
    const derived = predictClasses(task.kind, probabilities[g]!, group.classes.length);
    let disagreements = 0;
    for (let r = 0; r < rows; r++) if (derived[r] !== predictedInFile[g]![r]) disagreements++;
    if (disagreements > 0) {
      notes.push(
        `task '${group.name}': ${group.name}_pred differs from the probabilities' ${task.kind === 'binary' ? 'threshold 0.5' : 'arg-max'} on ${disagreements} of ${rows} rows (e.g. a tuned operating point); class metrics use ${group.name}_pred as given, AUC and calibration the probabilities`,
      );
    }
    return {
      task,
      truth: truths[g]!,
      probabilities: probabilities[g]!,
      predicted: predictedInFile[g]!,
    };
  });
  return { patientIds, tasks, notes };
}
