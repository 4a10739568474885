import { readFile } from 'node:fs/promises';
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { TrainerError } from '../errors/trainer-error';
import { type TrainConfig, trainConfigSchema } from './config-schema';

/** One `path = value` override applied on top of a config file (e.g. from a CLI flag). */
export interface ConfigOverride {
  /** Dotted path into the configuration, e.g. `training.epochs`. */
  path: string;
  /** The value to set (already typed: number, string, boolean, array, null). */
  value: unknown;
}

interface Position {
  line: number;
  column: number;
}

/**
 * Sets a dotted path in a plain object, creating intermediate objects.
 * @throws {TrainerError} `invalid-config` when a path segment crosses a non-object value.
 */
export function setConfigValue(
  target: Record<string, unknown>,
  path: string,
  value: unknown,
): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const [index, key] of keys.slice(0, -1).entries()) {
    const next = node[key];
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    } else if (typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      throw new TrainerError({
        code: 'invalid-config',
        field: path,
        message: `cannot set ${path}: ${keys.slice(0, index + 1).join('.')} is a ${Array.isArray(next) ? 'list' : typeof next}, not a section`,
      });
    }
  }
  node[keys[keys.length - 1]!] = value;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function issueText(issue: z.core.$ZodIssue, input: unknown): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = field === '' ? 'at the top level' : `in ${field}`;
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} ${where}`;
  }
  const got = valueAt(input, issue.path);
  const suffix = got === undefined ? '' : `, got ${describeValue(got)}`;
  return `${field === '' ? 'config' : field}: ${issue.message}${suffix}`;
}

/**
 * Validates a raw configuration object and fills in every default.
 * @param input - a parsed JSON/YAML document (or `{}` for the original recipe).
 * @param where - the file name and a locator of source positions, for error messages.
 * @throws {TrainerError} `invalid-config` listing every problem (field, value, allowed values);
 * `file`, `field`, `line`, `column` and `value` describe the first one.
 * @example
 * parseTrainConfig({ training: { epochs: 5 } }).optimizer.lr; // 5e-4
 */
export function parseTrainConfig(
  input: unknown,
  where: { file?: string; locate?: (path: readonly PropertyKey[]) => Position | undefined } = {},
): TrainConfig {
  const result = trainConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0]!;
  const firstPath =
    first.code === 'unrecognized_keys' ? [...first.path, first.keys[0]!] : first.path;
  const position = where.locate?.(firstPath) ?? where.locate?.(first.path);
  const got = valueAt(input, first.path);
  throw new TrainerError({
    code: 'invalid-config',
    file: where.file,
    line: position?.line,
    column: position?.column,
    field: firstPath.join('.'),
    value: got === undefined ? undefined : describeValue(got),
    message: `invalid training configuration: ${issues.map((issue) => issueText(issue, input)).join('; ')}`,
  });
}

function toPosition(position: { line: number; col: number }): Position {
  return { line: position.line, column: position.col };
}

function locator(document: Document, counter: LineCounter) {
  return (path: readonly PropertyKey[]): Position | undefined => {
    if (path.length === 0) return undefined;
    const keys = path as (string | number)[];
    const parent = keys.length === 1 ? document.contents : document.getIn(keys.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find(
      (item) => (item.key as { value?: unknown })?.value === keys[keys.length - 1],
    );
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    return range ? toPosition(counter.linePos(range[0])) : undefined;
  };
}

/**
 * Parses configuration text (JSON or YAML — JSON is read as YAML 1.2, its superset), applies
 * overrides, validates and fills in defaults.
 * @throws {TrainerError} `invalid-config` with the file, line and column of a syntax error or of
 * the first invalid field.
 */
export function parseTrainConfigText(
  text: string,
  file?: string,
  overrides: readonly ConfigOverride[] = [],
): TrainConfig {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const position = counter.linePos(syntax.pos[0]);
    throw new TrainerError({
      code: 'invalid-config',
      file,
      line: position.line,
      column: position.col,
      message: `the configuration must be JSON or YAML: ${syntax.message.split('\n')[0]}`,
    });
  }
  const raw: unknown = document.toJS() ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TrainerError({
      code: 'invalid-config',
      file,
      value: describeValue(raw),
      message: `the configuration must be a mapping of sections (data, training, …), got ${describeValue(raw)}`,
    });
  }
  const overridden = overrides.length === 0 ? undefined : new Set(overrides.map((o) => o.path));
  for (const override of overrides) {
    setConfigValue(raw as Record<string, unknown>, override.path, override.value);
  }
  const locate = locator(document, counter);
  return parseTrainConfig(raw, {
    file,
    locate: (path) => {
      // A problem in an overridden value is the flag's, not the file's.
      if (overridden?.has(path.join('.'))) return undefined;
      return locate(path);
    },
  });
}

/**
 * Reads a JSON or YAML configuration file, applies overrides and validates it.
 * @param file - path of the configuration; `null` = no file (the original recipe + overrides).
 * @throws {TrainerError} `config-io` when the file cannot be read; `invalid-config` when invalid.
 * @example
 * const config = await readTrainConfig('train.yaml', [{ path: 'training.epochs', value: 5 }]);
 */
export async function readTrainConfig(
  file: string | null,
  overrides: readonly ConfigOverride[] = [],
): Promise<TrainConfig> {
  if (file === null) return parseTrainConfigText('{}', undefined, overrides);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TrainerError({
      code: 'config-io',
      file,
      message: `cannot read the configuration file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      cause: error,
    });
  }
  return parseTrainConfigText(text, file, overrides);
}
