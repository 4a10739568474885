import type { TaskDefinition, TaskKind } from '@ct-fracture/core';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetBodyConfig } from '../presets';

/**
 * One output head (a Linear layer on the pooled features), for one task of the label
 * specification. Binary heads have two classes (the positive class second) and one logit.
 */
export interface HeadConfig {
  /** Task name; also names the head's weights `heads.<task>.weight|bias`. */
  task: string;
  /** `multiclass` → softmax over classes, `binary` → one sigmoid logit (`@ct-fracture/core`). */
  kind: TaskKind;
  /** Class names in the task's order. */
  classes: readonly string[];
}

/** A whole network: the DenseNet body plus one head per task (task order = spec order). */
export interface DenseNetConfig {
  body: DenseNetBodyConfig;
  heads: readonly HeadConfig[];
}

const TASK_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Heads for the tasks of a label specification, in its order (`@ct-fracture/labels`' tasks fit).
 * @example
 * headsFromTasks(spec.tasks);
 */
export function headsFromTasks(tasks: readonly TaskDefinition[]): HeadConfig[] {
  return tasks.map((task) => ({ task: task.name, kind: task.kind, classes: [...task.classes] }));
}

function invalid(message: string, value: unknown): never {
  throw new DenseNetError({ code: 'invalid-config', message, value: JSON.stringify(value) });
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    invalid(`${field} must be a positive integer, got ${JSON.stringify(value)}`, value);
  }
  return value;
}

function validateBody(value: unknown): DenseNetBodyConfig {
  if (typeof value !== 'object' || value === null) invalid('body must be an object', value);
  const body = value as Record<string, unknown>;
  const blocks = body.blockConfig;
  if (!Array.isArray(blocks) || blocks.length === 0) {
    invalid(`body.blockConfig must be a non-empty array, got ${JSON.stringify(blocks)}`, blocks);
  }
  const dropout = body.dropoutProb ?? 0;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    invalid(`body.dropoutProb must be in [0, 1), got ${JSON.stringify(dropout)}`, dropout);
  }
  return {
    inChannels: positiveInteger(body.inChannels, 'body.inChannels'),
    initFeatures: positiveInteger(body.initFeatures, 'body.initFeatures'),
    growthRate: positiveInteger(body.growthRate, 'body.growthRate'),
    blockConfig: blocks.map((layers, index) =>
      positiveInteger(layers, `body.blockConfig[${index}]`),
    ),
    bnSize: positiveInteger(body.bnSize, 'body.bnSize'),
    dropoutProb: dropout,
  };
}

function validateHead(value: unknown, index: number): HeadConfig {
  const where = `heads[${index}]`;
  if (typeof value !== 'object' || value === null) invalid(`${where} must be an object`, value);
  const head = value as Record<string, unknown>;
  if (typeof head.task !== 'string' || !TASK_NAME.test(head.task)) {
    invalid(
      `${where}.task must match ${TASK_NAME} (it names weights), got ${JSON.stringify(head.task)}`,
      head.task,
    );
  }
  if (head.kind !== 'binary' && head.kind !== 'multiclass') {
    invalid(
      `${where}.kind must be 'binary' or 'multiclass', got ${JSON.stringify(head.kind)}`,
      head.kind,
    );
  }
  const classes = head.classes;
  if (!Array.isArray(classes) || !classes.every((name) => typeof name === 'string')) {
    invalid(`${where}.classes must be an array of strings`, classes);
  }
  if (new Set(classes).size !== classes.length)
    invalid(`${where}.classes must be distinct`, classes);
  if (head.kind === 'binary' && classes.length !== 2) {
    invalid(
      `${where} is binary and must have 2 classes (positive second), got ${classes.length}`,
      classes,
    );
  }
  if (head.kind === 'multiclass' && classes.length < 2) {
    invalid(
      `${where} is multiclass and must have at least 2 classes, got ${classes.length}`,
      classes,
    );
  }
  return { task: head.task, kind: head.kind, classes: [...classes] };
}

/**
 * Checks a (possibly parsed-from-JSON) network configuration.
 * @throws DenseNetError `invalid-config` naming the field at fault.
 * @example
 * validateDenseNetConfig(JSON.parse(text));
 */
export function validateDenseNetConfig(value: unknown): DenseNetConfig {
  if (typeof value !== 'object' || value === null)
    invalid('a model config must be an object', value);
  const config = value as Record<string, unknown>;
  const body = validateBody(config.body);
  if (!Array.isArray(config.heads) || config.heads.length === 0) {
    invalid('heads must be a non-empty array (one head per task)', config.heads);
  }
  const heads = config.heads.map(validateHead);
  const names = heads.map((head) => head.task);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined)
    invalid(`task names must be distinct, '${duplicate}' repeats`, duplicate);
  return { body, heads };
}
