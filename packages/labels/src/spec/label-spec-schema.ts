import { quoteValue } from '@ct-fracture/core';
import { z } from 'zod';
import { normaliseLabelValue } from '../values/normalise-label-value';
import type { LabelSpec, LabelTaskSpec } from './label-spec';

/** Values that mean "label missing" unless a specification says otherwise. */
export const DEFAULT_MISSING_VALUES: readonly string[] = [
  'na',
  'n/a',
  'nan',
  'null',
  'none given',
  '?',
  'unknown',
  'missing',
  'not available',
  'not assessed',
];

/** Words that negate a following marker unless a rule says otherwise. */
export const DEFAULT_NEGATIONS: readonly string[] = ['no', 'not', 'without', 'non'];

const word = z.string().trim().min(1);
const taskName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  error: 'must start with a letter and hold only letters, digits and _',
});

const markerRuleSchema = z.strictObject({
  column: word.optional(),
  words: z.array(word).min(1),
  class: word,
  otherwise: word.optional(),
  negations: z.array(word).default([...DEFAULT_NEGATIONS]),
});

const taskSchema = z.strictObject({
  name: taskName,
  description: z.string().optional(),
  column: word,
  optional: z.boolean().default(false),
  kind: z.enum(['binary', 'multiclass']),
  ordinal: z.boolean().default(false),
  classes: z.array(word).min(2),
  aliases: z.record(z.string(), z.array(z.string())).default({}),
  ignore: z.array(word).default([]),
  markers: z.array(markerRuleSchema).default([]),
});

type Issue = { message: string; path: (string | number)[] };

function checkTask(task: LabelTaskSpec, missing: ReadonlySet<string>, add: (i: Issue) => void) {
  if (task.kind === 'binary' && task.classes.length !== 2) {
    add({
      path: ['classes'],
      message: `a binary task must have exactly 2 classes [negative, positive], got ${task.classes.length}`,
    });
  }
  if (task.kind === 'binary' && task.ordinal) {
    add({ path: ['ordinal'], message: 'only a multiclass task can be ordinal' });
  }
  const owner = new Map<string, string>();
  const claim = (spelling: string, className: string, path: (string | number)[]) => {
    const key = normaliseLabelValue(spelling);
    if (key === '' || missing.has(key)) {
      add({
        path,
        message: `${quoteValue(spelling)} reads as a missing value, so it cannot name a class`,
      });
      return;
    }
    const previous = owner.get(key);
    if (previous !== undefined && previous !== className) {
      add({
        path,
        message: `${quoteValue(spelling)} is a spelling of both ${quoteValue(previous)} and ${quoteValue(className)}`,
      });
    } else if (previous === className && path[0] === 'classes') {
      add({ path, message: `class ${quoteValue(className)} is listed twice` });
    }
    owner.set(key, className);
  };
  task.classes.forEach((name, index) => {
    claim(name, name, ['classes', index]);
  });
  for (const [className, spellings] of Object.entries(task.aliases)) {
    if (!task.classes.includes(className)) {
      add({
        path: ['aliases', className],
        message: `must name a class of the task (${task.classes.join(', ')}), got ${quoteValue(className)}`,
      });
      continue;
    }
    spellings.forEach((spelling, index) => {
      claim(spelling, className, ['aliases', className, index]);
    });
  }
  task.markers.forEach((rule, index) => {
    for (const field of ['class', 'otherwise'] as const) {
      const value = rule[field];
      if (value !== undefined && !task.classes.includes(value)) {
        add({
          path: ['markers', index, field],
          message: `must be a class of the task (${task.classes.join(', ')}), got ${quoteValue(value)}`,
        });
      }
    }
  });
}

/**
 * The zod schema of a label specification JSON file (input: the JSON a lab
 * writes, with optional fields; output: a complete {@link LabelSpec}). Checks
 * structure and meaning: unique task names and classes, binary tasks with two
 * classes, aliases that name real classes and do not collide, marker classes
 * that exist.
 */
export const labelSpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal('ct-fracture-label-spec').default('ct-fracture-label-spec'),
    formatVersion: z.literal(1).default(1),
    name: word,
    version: word.default('1'),
    description: z.string().optional(),
    patientIdColumn: word.default('patient_id'),
    missingValues: z.array(z.string()).default([...DEFAULT_MISSING_VALUES]),
    tasks: z.array(taskSchema).min(1),
  })
  .superRefine((spec, context) => {
    const missing = new Set(spec.missingValues.map(normaliseLabelValue));
    const names = new Map<string, number>();
    spec.tasks.forEach((task, index) => {
      const first = names.get(task.name);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['tasks', index, 'name'],
          message: `task names must be unique, ${quoteValue(task.name)} is also tasks[${first}]`,
        });
      }
      names.set(task.name, index);
      checkTask(task, missing, (issue) =>
        context.addIssue({ code: 'custom', ...issue, path: ['tasks', index, ...issue.path] }),
      );
    });
  });

/** The JSON form of a label specification (optional fields may be left out). */
export type LabelSpecInput = z.input<typeof labelSpecSchema>;

// Compile-time check that the schema's output is a LabelSpec.
const _outputIsLabelSpec = (value: z.output<typeof labelSpecSchema>): LabelSpec => value;
void _outputIsLabelSpec;
