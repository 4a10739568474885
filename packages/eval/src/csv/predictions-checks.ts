import { quoteValue } from '@ct-fracture/core';
import { EvaluationError } from '../errors/evaluation-error';

/** How far a row's probabilities of one task may sum from 1 by default: room for values rounded to 2 decimals. */
export const PROBABILITY_SUM_TOLERANCE = 0.02;

/**
 * A row's probabilities of one task must sum to 1 (± `tolerance`, by default
 * {@link PROBABILITY_SUM_TOLERANCE}):
 * otherwise they are not a distribution over the classes (e.g. independent sigmoids, logits).
 * @param probabilities - the row's `T_p_<class>` values, in class order.
 * @param columns - their header names, for the message.
 * @throws {@link EvaluationError} `invalid-value` naming the line and the first column.
 */
export function checkProbabilitySum(
  probabilities: ArrayLike<number>,
  columns: readonly string[],
  tolerance: number,
  { file, line }: { file: string | undefined; line: number },
): void {
  let sum = 0;
  for (let c = 0; c < probabilities.length; c++) sum += probabilities[c]!;
  if (Math.abs(sum - 1) <= tolerance) return;
  throw new EvaluationError({
    code: 'invalid-value',
    message: `the probabilities ${columns.join(', ')} must sum to 1 (±${tolerance}), got ${Number(sum.toPrecision(6))}`,
    file,
    line,
    column: columns[0],
    value: String(sum),
  });
}

/**
 * Each patient must have one row: a second row would count its scan twice in every metric.
 * @param seen - patient id → the line it was first read on (updated here).
 * @throws {@link EvaluationError} `invalid-value` naming both lines.
 */
export function checkUniquePatient(
  seen: Map<string, number>,
  patientId: string,
  file: string | undefined,
  line: number,
): void {
  const first = seen.get(patientId);
  if (first !== undefined) {
    throw new EvaluationError({
      code: 'invalid-value',
      message: `each patient_id must appear once, got ${quoteValue(patientId)} on line ${first} and line ${line}`,
      file,
      line,
      column: 'patient_id',
      value: patientId,
    });
  }
  seen.set(patientId, line);
}
