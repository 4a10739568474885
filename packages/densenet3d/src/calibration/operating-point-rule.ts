import { DenseNetError } from '../errors/densenet-error';

/**
 * How a binary task's decision threshold is chosen on validation data (issue 21):
 * - `youden`: the threshold maximising sensitivity + specificity − 1;
 * - `sensitivity` / `specificity`: the best threshold whose sensitivity (specificity) is at
 *   least `value`;
 * - `threshold`: `value` itself.
 * Thresholds are on the task's output probability of the positive class (after calibration,
 * when the checkpoint has one); a row is positive when `p >= threshold`.
 */
export type OperatingPointRule =
  | { kind: 'youden' }
  | { kind: 'sensitivity'; value: number }
  | { kind: 'specificity'; value: number }
  | { kind: 'threshold'; value: number };

const TEXT_FORMS =
  "'youden', 'sensitivity:X', 'specificity:X' (0 < X <= 1) or 'threshold:X' / 'X' (0 <= X <= 1)";

function invalidRule(text: string, why: string): DenseNetError {
  return new DenseNetError({
    code: 'invalid-input',
    message: `an operating-point rule must be ${TEXT_FORMS}, got '${text}'${why === '' ? '' : ` (${why})`}`,
    value: text,
  });
}

function parseNumber(text: string, raw: string): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw invalidRule(text, `'${raw}' is not a number`);
  return value;
}

/**
 * Reads an operating-point rule from its text form: `youden`, `sensitivity:0.95`,
 * `specificity:0.9`, `threshold:0.3` or a bare number (a fixed threshold).
 * @throws DenseNetError `invalid-input` naming the text and the accepted forms.
 * @example
 * parseOperatingPointRule('sensitivity:0.95'); // { kind: 'sensitivity', value: 0.95 }
 * parseOperatingPointRule('0.3'); // { kind: 'threshold', value: 0.3 }
 */
export function parseOperatingPointRule(text: string): OperatingPointRule {
  const trimmed = text.trim();
  if (trimmed === 'youden') return { kind: 'youden' };
  const colon = trimmed.indexOf(':');
  const name = colon < 0 ? 'threshold' : trimmed.slice(0, colon).trim();
  const value = parseNumber(text, colon < 0 ? trimmed : trimmed.slice(colon + 1));
  if (name === 'sensitivity' || name === 'specificity') {
    if (!(value > 0 && value <= 1)) throw invalidRule(text, `${name} must be in (0, 1]`);
    return { kind: name, value };
  }
  if (name === 'threshold') {
    if (!(value >= 0 && value <= 1)) throw invalidRule(text, 'a threshold must be in [0, 1]');
    return { kind: 'threshold', value };
  }
  throw invalidRule(text, `unknown rule '${name}'`);
}

/**
 * The canonical text of a rule (what `ct-fracture.json` stores): `youden` or `<kind>:<value>`.
 * @example
 * formatOperatingPointRule({ kind: 'specificity', value: 0.9 }); // 'specificity:0.9'
 */
export function formatOperatingPointRule(rule: OperatingPointRule): string {
  return rule.kind === 'youden' ? 'youden' : `${rule.kind}:${rule.value}`;
}
