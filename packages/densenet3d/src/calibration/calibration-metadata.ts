import { DenseNetError } from '../errors/densenet-error';
import type { HeadConfig } from '../model/config';
import { formatOperatingPointRule, parseOperatingPointRule } from './operating-point-rule';

/** A task's temperature scaling (`ct-fracture.json` `calibration.<task>`, Guo et al. 2017). */
export interface TaskCalibration {
  /** Logits are divided by it before the softmax / sigmoid; `> 0` (1 = unchanged). */
  temperature: number;
  /**
   * Where it was fitted: labelled validation rows, the mean negative log-likelihood (nats, what
   * the temperature minimises) and the top-label ECE, before and after.
   */
  validation: {
    n: number;
    nllBefore: number;
    nllAfter: number;
    eceBefore: number;
    eceAfter: number;
  };
}

/** A binary task's operating point (`ct-fracture.json` `operatingPoints.<task>`). */
export interface TaskOperatingPoint {
  /** Positive when the positive-class probability (calibrated, if the task is) is `>= threshold`. */
  threshold: number;
  /** The rule that chose it, canonical text (`youden`, `sensitivity:0.95`, …). */
  rule: string;
  /** Labelled validation rows it was chosen on, and its sensitivity and specificity there. */
  validation: { n: number; sensitivity: number; specificity: number };
}

/** The optional calibration fields of `ct-fracture.json`, keyed by task name. */
export interface CheckpointCalibration {
  calibration?: Record<string, TaskCalibration>;
  operatingPoints?: Record<string, TaskOperatingPoint>;
}

function fail(file: string, message: string, value?: unknown): never {
  throw new DenseNetError({
    code: 'checkpoint-format',
    file,
    message,
    ...(value === undefined ? {} : { value: JSON.stringify(value) }),
  });
}

function object(value: unknown, field: string, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(file, `${field} must be an object, got ${JSON.stringify(value)}`, value);
  }
  return value as Record<string, unknown>;
}

function number(
  value: unknown,
  field: string,
  file: string,
  range: { min: number; max: number; minOpen?: boolean; integer?: boolean },
): number {
  const { min, max, minOpen = false, integer = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minOpen ? value > min : value >= min) &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const what = integer ? 'an integer' : 'a number';
    const upper = max === Number.POSITIVE_INFINITY ? '' : `, <= ${max}`;
    fail(
      file,
      `${field} must be ${what} ${minOpen ? '>' : '>='} ${min}${upper}, got ${JSON.stringify(value)}`,
      value,
    );
  }
  return value as number;
}

const UNIT = { min: 0, max: 1 };
const COUNT = { min: 1, max: Number.POSITIVE_INFINITY, integer: true };
const NLL = { min: 0, max: Number.POSITIVE_INFINITY };

function perTask<T>(
  value: unknown,
  field: string,
  heads: readonly HeadConfig[],
  file: string,
  read: (entry: Record<string, unknown>, where: string, head: HeadConfig) => T,
): Record<string, T> {
  const entries = object(value, field, file);
  const result: Record<string, T> = {};
  for (const [task, entry] of Object.entries(entries)) {
    const head = heads.find((candidate) => candidate.task === task);
    if (head === undefined) {
      fail(
        file,
        `${field} keys must be tasks of the model (${heads.map((h) => h.task).join(', ')}), got '${task}'`,
        task,
      );
    }
    result[task] = read(object(entry, `${field}.${task}`, file), `${field}.${task}`, head);
  }
  return result;
}

/**
 * Checks the optional `calibration` and `operatingPoints` fields of `ct-fracture.json`: each
 * keyed by a task of the model; a temperature `> 0`; an operating point only for a binary task,
 * its threshold in [0, 1] and its rule in canonical form. Absent fields stay absent.
 * @param file - named in errors.
 * @throws DenseNetError `checkpoint-format` naming the field at fault.
 * @example
 * validateCheckpointCalibration(json, model.heads, 'ckpt/ct-fracture.json').calibration?.varus?.temperature;
 */
export function validateCheckpointCalibration(
  metadata: Record<string, unknown>,
  heads: readonly HeadConfig[],
  file: string,
): CheckpointCalibration {
  const result: CheckpointCalibration = {};
  if (metadata.calibration !== undefined) {
    result.calibration = perTask(metadata.calibration, 'calibration', heads, file, (entry, at) => {
      const validation = object(entry.validation, `${at}.validation`, file);
      return {
        temperature: number(entry.temperature, `${at}.temperature`, file, {
          min: 0,
          max: Number.POSITIVE_INFINITY,
          minOpen: true,
        }),
        validation: {
          n: number(validation.n, `${at}.validation.n`, file, COUNT),
          nllBefore: number(validation.nllBefore, `${at}.validation.nllBefore`, file, NLL),
          nllAfter: number(validation.nllAfter, `${at}.validation.nllAfter`, file, NLL),
          eceBefore: number(validation.eceBefore, `${at}.validation.eceBefore`, file, UNIT),
          eceAfter: number(validation.eceAfter, `${at}.validation.eceAfter`, file, UNIT),
        },
      };
    });
  }
  if (metadata.operatingPoints !== undefined) {
    result.operatingPoints = perTask(
      metadata.operatingPoints,
      'operatingPoints',
      heads,
      file,
      (entry, at, head) => {
        if (head.kind !== 'binary') {
          fail(file, `${at}: operating points are for binary tasks, '${head.task}' is multiclass`);
        }
        let rule: string;
        try {
          rule = formatOperatingPointRule(parseOperatingPointRule(String(entry.rule)));
        } catch (error) {
          fail(file, `${at}.rule: ${(error as Error).message}`, entry.rule);
        }
        if (typeof entry.rule !== 'string' || rule !== entry.rule) {
          fail(
            file,
            `${at}.rule must be a rule's canonical text ('${rule}'), got ${JSON.stringify(entry.rule)}`,
            entry.rule,
          );
        }
        const threshold = number(entry.threshold, `${at}.threshold`, file, UNIT);
        const parsed = parseOperatingPointRule(rule);
        if (parsed.kind === 'threshold' && parsed.value !== threshold) {
          fail(
            file,
            `${at}.threshold must be the fixed threshold of its rule '${rule}', got ${threshold}`,
            threshold,
          );
        }
        const validation = object(entry.validation, `${at}.validation`, file);
        return {
          threshold,
          rule,
          validation: {
            n: number(validation.n, `${at}.validation.n`, file, COUNT),
            sensitivity: number(validation.sensitivity, `${at}.validation.sensitivity`, file, UNIT),
            specificity: number(validation.specificity, `${at}.validation.specificity`, file, UNIT),
          },
        };
      },
    );
  }
  return result;
}
