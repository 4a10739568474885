import { describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import type { HeadConfig } from '../model/config';
import { validateCheckpointCalibration } from './calibration-metadata';

const HEADS: HeadConfig[] = [
  { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
];
const CALIBRATION = {
  parts: {
    temperature: 0.8,
    validation: { n: 40, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.05 },
  },
  varus: {
    temperature: 1.3,
    validation: { n: 38, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.1, eceAfter: 0.04 },
  },
};
const OPERATING_POINTS = {
  varus: {
    threshold: 0.31,
    rule: 'sensitivity:0.95',
    validation: { n: 38, sensitivity: 0.96, specificity: 0.7 },
  },
};
const FILE = 'ckpt/ct-fracture.json';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('validateCheckpointCalibration', () => {
  it('keeps absent fields absent (checkpoints without calibration are unchanged)', () => {
    const result = validateCheckpointCalibration({ format: 'x' }, HEADS, FILE);
    expect(result).toEqual({});
    expect(Object.keys(result)).toEqual([]);
  });

  it('reads valid fields as they are', () => {
    expect(
      validateCheckpointCalibration(
        { calibration: CALIBRATION, operatingPoints: OPERATING_POINTS },
        HEADS,
        FILE,
      ),
    ).toEqual({ calibration: CALIBRATION, operatingPoints: OPERATING_POINTS });
  });

  const edit = (path: string[], value: unknown) => {
    const metadata = structuredClone({
      calibration: CALIBRATION,
      operatingPoints: OPERATING_POINTS,
    }) as Record<string, unknown>;
    let node = metadata as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    if (value === undefined) delete node[path.at(-1)!];
    else node[path.at(-1)!] = value;
    return metadata;
  };

  it.each<[string, string[], unknown, RegExp]>([
    [
      'an unknown task',
      ['calibration', 'shaft'],
      CALIBRATION.parts,
      /calibration keys must be tasks of the model \(parts, varus\), got 'shaft'/,
    ],
    [
      'a zero temperature',
      ['calibration', 'varus', 'temperature'],
      0,
      /calibration.varus.temperature must be a number > 0, got 0/,
    ],
    [
      'a missing temperature',
      ['calibration', 'varus', 'temperature'],
      undefined,
      /calibration.varus.temperature must be a number > 0, got undefined/,
    ],
    [
      'a fractional n',
      ['calibration', 'parts', 'validation', 'n'],
      2.5,
      /calibration.parts.validation.n must be an integer >= 1, got 2.5/,
    ],
    [
      'a negative NLL',
      ['calibration', 'parts', 'validation', 'nllAfter'],
      -0.1,
      /calibration.parts.validation.nllAfter must be a number >= 0, got -0.1/,
    ],
    [
      'an ECE above 1',
      ['calibration', 'parts', 'validation', 'eceAfter'],
      1.5,
      /calibration.parts.validation.eceAfter must be a number >= 0, <= 1, got 1.5/,
    ],
    [
      'calibration that is not an object',
      ['calibration'],
      [1],
      /calibration must be an object, got \[1\]/,
    ],
    [
      'an operating point of a multiclass task',
      ['operatingPoints', 'parts'],
      OPERATING_POINTS.varus,
      /operatingPoints.parts: operating points are for binary tasks, 'parts' is multiclass/,
    ],
    [
      'a threshold above 1',
      ['operatingPoints', 'varus', 'threshold'],
      1.2,
      /operatingPoints.varus.threshold must be a number >= 0, <= 1, got 1.2/,
    ],
    [
      'an unknown rule',
      ['operatingPoints', 'varus', 'rule'],
      'f1',
      /operatingPoints.varus.rule: an operating-point rule must be/,
    ],
    [
      'a rule not in canonical form',
      ['operatingPoints', 'varus', 'rule'],
      'sensitivity: 0.95',
      /operatingPoints.varus.rule must be a rule's canonical text \('sensitivity:0.95'\), got "sensitivity: 0.95"/,
    ],
    [
      'a fixed rule with another threshold',
      ['operatingPoints', 'varus', 'rule'],
      'threshold:0.4',
      /operatingPoints.varus.threshold must be the fixed threshold of its rule 'threshold:0.4', got 0.31/,
    ],
    [
      'a sensitivity above 1',
      ['operatingPoints', 'varus', 'validation', 'sensitivity'],
      2,
      /operatingPoints.varus.validation.sensitivity must be a number >= 0, <= 1, got 2/,
    ],
    [
      'no validation values',
      ['operatingPoints', 'varus', 'validation'],
      undefined,
      /operatingPoints.varus.validation must be an object, got undefined/,
    ],
  ])('rejects %s naming the file and field', (_, path, value, message) => {
    const error = thrown(() => validateCheckpointCalibration(edit(path, value), HEADS, FILE));
    expect(DenseNetError.isInstance(error)).toBe(true);
    expect((error as DenseNetError).code).toBe('checkpoint-format');
    expect((error as Error).message.startsWith(`${FILE}: `)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
