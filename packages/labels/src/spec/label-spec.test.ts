import { describe, expect, it } from 'vitest';
import { LabelError } from '../errors/label-error';
import { DEFAULT_LABEL_SPEC } from './default-label-spec';
import { ORIGINAL_LABEL_SPEC } from './original-label-spec';
import { parseLabelSpec } from './parse-label-spec';
import { sortLikeLabelEncoder } from './sort-like-label-encoder';

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('built-in label specifications', () => {
  it('the default spec has the six DESIGN.md tasks in head order', () => {
    expect(
      DEFAULT_LABEL_SPEC.tasks.map((task) => [task.name, task.column, task.kind, task.classes]),
    ).toEqual([
      [
        'fracture_parts',
        'fracture_classification',
        'multiclass',
        ['1-part', '2-part', 'multipart'],
      ],
      ['dislocation', 'dislocation', 'binary', ['no', 'yes']],
      ['gt_displacement', 'gt_displacement_greater_equal_to_1cm', 'binary', ['no', 'yes']],
      ['shaft_translation', 'shaft_translation', 'multiclass', ['none', 'substantial', 'complete']],
      ['varus', 'varus_malalignment', 'binary', ['no', 'yes']],
      ['articular', 'art_involvement', 'multiclass', ['none-rim', 'subcritical', 'headsplit']],
    ]);
    expect(
      DEFAULT_LABEL_SPEC.tasks.filter((task) => task.ordinal).map((task) => task.name),
    ).toEqual(['shaft_translation', 'articular']);
  });

  it('the original spec has five tasks with LabelEncoder class order', () => {
    for (const task of ORIGINAL_LABEL_SPEC.tasks) {
      expect(task.classes).toEqual(sortLikeLabelEncoder(task.classes));
    }
    expect(ORIGINAL_LABEL_SPEC.tasks.map((task) => task.name)).toEqual([
      'fracture',
      'gt_displacement',
      'shaft_translation',
      'varus',
      'articular',
    ]);
    expect(ORIGINAL_LABEL_SPEC.tasks[0]!.classes).toEqual([
      '1-part',
      '2-part',
      'dislocation',
      'multipart',
    ]);
  });

  it.each([
    ['default', DEFAULT_LABEL_SPEC],
    ['original', ORIGINAL_LABEL_SPEC],
  ])('the %s spec survives JSON and validation unchanged', (_name, spec) => {
    expect(parseLabelSpec(json(spec))).toEqual(json(spec));
  });
});

describe('sortLikeLabelEncoder', () => {
  it('sorts distinct values by code point like numpy.unique', () => {
    expect(sortLikeLabelEncoder(['b', 'B', 'a', '😀', '\uffff', 'b', '10', '9'])).toEqual([
      '10',
      '9',
      'B',
      'a',
      'b',
      '\uffff',
      '😀',
    ]);
  });
});

describe('parseLabelSpec errors name the bad field', () => {
  const task = {
    name: 'varus',
    column: 'varus_malalignment',
    kind: 'binary',
    classes: ['no', 'yes'],
  };
  it.each([
    ['a missing name', { tasks: [task] }, 'name', 'name is required (string)'],
    [
      'a misspelt kind',
      { name: 's', tasks: [{ ...task, kind: 'binnary' }] },
      'tasks[0].kind',
      'tasks[0].kind must be one of "binary", "multiclass", got "binnary"',
    ],
    [
      'an unknown field',
      { name: 's', tasks: [{ ...task, clases: [] }] },
      'tasks[0]',
      'tasks[0] has unknown field "clases"',
    ],
    [
      'a binary task with three classes',
      { name: 's', tasks: [{ ...task, classes: ['a', 'b', 'c'] }] },
      'tasks[0].classes',
      'tasks[0].classes a binary task must have exactly 2 classes [negative, positive], got 3',
    ],
    [
      'an alias of an unknown class',
      { name: 's', tasks: [{ ...task, aliases: { maybe: ['m'] } }] },
      'tasks[0].aliases.maybe',
      'tasks[0].aliases.maybe must name a class of the task (no, yes), got "maybe"',
    ],
    [
      'an alias claimed by two classes',
      { name: 's', tasks: [{ ...task, aliases: { no: ['N'], yes: ['n'] } }] },
      'tasks[0].aliases.yes[0]',
      'tasks[0].aliases.yes[0] "n" is a spelling of both "no" and "yes"',
    ],
    [
      'an alias that reads as missing',
      { name: 's', tasks: [{ ...task, aliases: { no: ['N/A'] } }] },
      'tasks[0].aliases.no[0]',
      'tasks[0].aliases.no[0] "N/A" reads as a missing value, so it cannot name a class',
    ],
    [
      'a duplicate task',
      { name: 's', tasks: [task, task] },
      'tasks[1].name',
      'tasks[1].name task names must be unique, "varus" is also tasks[0]',
    ],
    [
      'a marker with an unknown class',
      { name: 's', tasks: [{ ...task, markers: [{ words: ['varus'], class: 'si' }] }] },
      'tasks[0].markers[0].class',
      'tasks[0].markers[0].class must be a class of the task (no, yes), got "si"',
    ],
    [
      'an ordinal binary task',
      { name: 's', tasks: [{ ...task, ordinal: true }] },
      'tasks[0].ordinal',
      'tasks[0].ordinal only a multiclass task can be ordinal',
    ],
    [
      'a bad task name',
      { name: 's', tasks: [{ ...task, name: '2x' }] },
      'tasks[0].name',
      'tasks[0].name must start with a letter and hold only letters, digits and _, got "2x"',
    ],
    [
      'no tasks',
      { name: 's', tasks: [] },
      'tasks',
      'tasks must have at least 1 item, got an array',
    ],
    ['not an object', 42, '(root)', '(root) must be object, got 42'],
  ])('%s', (_case, input, path, message) => {
    let caught: unknown;
    try {
      parseLabelSpec(input, { file: 'spec.json' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LabelError);
    const error = caught as LabelError;
    expect(error.code).toBe('invalid-spec');
    expect(error.file).toBe('spec.json');
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
    expect(error.message.startsWith('spec.json: the label specification is not valid: ')).toBe(
      true,
    );
  });
});
