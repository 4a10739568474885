import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { LabelError } from '../errors/label-error';
import type { LabelSpec } from './label-spec';
import { labelSpecSchema } from './label-spec-schema';

type ZodIssue = z.core.$ZodIssue;

/** `['tasks', 2, 'classes']` → `tasks[2].classes`; `[]` → `(root)`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function issueMessage(issue: ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}, got ${describe(input)}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values
        .map((value) => JSON.stringify(value))
        .join(', ')}, got ${describe(input)}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys
        .map((key) => `"${key}"`)
        .join(', ')}`;
    case 'too_small': {
      const unit = issue.origin === 'array' ? 'item' : 'character';
      return `must have at least ${String(issue.minimum)} ${unit}${
        Number(issue.minimum) === 1 ? '' : 's'
      }, got ${describe(input)}`;
    }
    case 'invalid_format':
      return `${issue.message}, got ${describe(input)}`;
    default:
      return issue.message;
  }
}

/**
 * Validates a label specification given as parsed JSON and fills in defaults.
 *
 * @param json - the specification (e.g. `JSON.parse` of a file, or a checkpoint's `labelSpec`).
 * @param options.file - the file it came from, for messages.
 * @returns a complete {@link LabelSpec}.
 * @throws LabelError `invalid-spec`, listing every problem as `path: what must be, got what`
 *   (`path` is the first bad field, e.g. `tasks[1].kind`).
 * @example
 * const spec = parseLabelSpec({ name: 'mine', tasks: [{ name: 'varus', column: 'varus', kind: 'binary', classes: ['no', 'yes'] }] });
 * spec.patientIdColumn; // 'patient_id'
 */
export function parseLabelSpec(json: unknown, options: { file?: string } = {}): LabelSpec {
  const result = labelSpecSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${formatPath(issue.path)} ${issueMessage(issue)}`,
  );
  const first = result.error.issues[0];
  throw new LabelError({
    code: 'invalid-spec',
    file: options.file,
    path: first === undefined ? undefined : formatPath(first.path),
    message: `the label specification is not valid: ${issues.join('; ')}`,
  });
}

/**
 * Reads and validates a label specification JSON file.
 *
 * @param path - the JSON file.
 * @throws LabelError `io` when the file cannot be read, `invalid-spec` when it is not
 *   JSON or not a valid specification (the message names every bad field's path).
 * @example
 * const spec = loadLabelSpec('my-labels.json');
 */
export function loadLabelSpec(path: string): LabelSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabelError({
      code: 'io',
      file: path,
      message: `the label specification must be a readable file, got ${(error as Error).message}`,
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new LabelError({
      code: 'invalid-spec',
      file: path,
      message: `the label specification must be JSON, got a syntax error: ${(error as Error).message}`,
      cause: error,
    });
  }
  return parseLabelSpec(json, { file: path });
}
