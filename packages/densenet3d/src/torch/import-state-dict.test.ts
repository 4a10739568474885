import { describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetConfig } from '../model/config';
import { parameterSpecs } from '../model/dense-net-modules';
import { type HeadMapping, importStateDict } from './import-state-dict';
import type { StateDictEntry } from './infer-architecture';

const BODY = {
  inChannels: 1,
  initFeatures: 6,
  growthRate: 4,
  blockConfig: [2, 3],
  bnSize: 3,
  dropoutProb: 0,
};

/** A synthetic PyTorch state_dict of BODY (values = running index) with renamed keys and a Linear `out`. */
function stateDict(
  rename: (key: string) => string,
  outputs: number,
  headKey: string,
): Map<string, StateDictEntry> {
  const config: DenseNetConfig = {
    body: BODY,
    heads: [{ task: 'x', kind: 'multiclass', classes: ['a', 'b'] }],
  };
  const result = new Map<string, StateDictEntry>();
  for (const spec of parameterSpecs(config)) {
    if (spec.key.startsWith('heads.')) continue;
    // PyTorch layout: [out, in, kd, kh, kw] for convolutions.
    const shape =
      spec.shape.length === 5
        ? [spec.shape[4]!, spec.shape[3]!, spec.shape[0]!, spec.shape[1]!, spec.shape[2]!]
        : spec.shape;
    const size = shape.reduce((product, dimension) => product * dimension, 1);
    result.set(rename(spec.key), {
      shape,
      data: Float32Array.from({ length: size }, (_, index) => index),
    });
    if (spec.key.endsWith('running_var'))
      result.set(rename(spec.key.replace('running_var', 'num_batches_tracked')), {
        shape: [],
        data: new BigInt64Array([1n]),
      });
  }
  result.set(`${headKey}.weight`, { shape: [outputs, 19], data: new Float32Array(outputs * 19) });
  result.set(`${headKey}.bias`, { shape: [outputs], data: new Float32Array(outputs) });
  return result;
}

const monai = (key: string) => key;
const torchvision = (key: string) => key.replace('.layers.', '.');
const legacy = (key: string) => key.replace(/\.layers\.(norm|conv)([12])\./, '.$1.$2.');

describe('importStateDict: architecture inference and head mapping', () => {
  it.each<[string, (key: string) => string, string, string]>([
    ['MONAI names', monai, '', 'monai'],
    ['MONAI names under DataParallel (module.)', (key) => `module.${key}`, 'module.', 'monai'],
    ['torchvision names', torchvision, '', 'torchvision'],
    ['old torchvision names (norm.1)', legacy, '', 'torchvision-legacy'],
  ])('%s → blocks, growth, bn_size, prefix', (_, rename, prefix, naming) => {
    const imported = importStateDict(stateDict(rename, 3, `${prefix}class_layers.out`));
    expect(imported.config.body).toEqual(BODY);
    expect(imported.inferred).toMatchObject({ prefix, naming });
    expect(imported.config.heads).toEqual([
      { task: 'output', kind: 'multiclass', classes: ['0', '1', '2'] },
    ]);
    expect(imported.ignoredKeys.every((key) => key.endsWith('num_batches_tracked'))).toBe(true);
    // conv0 [out 6, in 1, 7, 7, 7] → [7, 7, 7, 1, 6]: element (o, 0, d, h, w) moves to ((d·7+h)·7+w)·6 + o.
    const stem = imported.weights.get('features.conv0.weight')!;
    expect(stem[((1 * 7 + 2) * 7 + 3) * 6 + 4]).toBe(4 * 343 + (1 * 7 + 2) * 7 + 3);
  });

  it('maps named heads: multiclass by class count, one output + two classes = binary', () => {
    const dict = stateDict(monai, 1, 'fc_varus');
    dict.set('fc_parts.weight', { shape: [3, 19], data: new Float32Array(57) });
    const heads: HeadMapping[] = [
      { task: 'parts', moduleKey: 'fc_parts', classes: ['1', '2', 'm'] },
      { task: 'varus', moduleKey: 'fc_varus', classes: ['no', 'yes'] },
    ];
    const imported = importStateDict(dict, heads);
    expect(imported.config.heads.map((head) => head.kind)).toEqual(['multiclass', 'binary']);
    expect(imported.weights.get('heads.parts.bias')).toEqual(new Float32Array(3)); // no bias in the file → 0
  });

  it.each<[string, HeadMapping[] | undefined, RegExp]>([
    [
      'no class_layers.out and no --task',
      undefined,
      /no 'class_layers.out' Linear in the state_dict: name the heads with --task/,
    ],
    [
      'an unknown head key',
      [{ task: 't', moduleKey: 'fc_nope', classes: ['a', 'b'] }],
      /--task t=fc_nope: no 'fc_nope.weight' in the state_dict; Linear modules there: fc_head/,
    ],
    [
      'classes that do not fit',
      [{ task: 't', moduleKey: 'fc_head', classes: ['a', 'b', 'c'] }],
      /3 classes must match the Linear's 2 outputs/,
    ],
  ])('rejects %s', (_, heads, message) => {
    expect(() => importStateDict(stateDict(monai, 2, 'fc_head'), heads)).toThrowError(message);
  });

  it.each<[string, (dict: Map<string, StateDictEntry>) => void, RegExp]>([
    [
      'no stem',
      (dict) => dict.delete('features.conv0.weight'),
      /must have a 'features.conv0.weight' key/,
    ],
    [
      'a 2D stem',
      (dict) =>
        dict.set('features.conv0.weight', { shape: [6, 1, 7, 7], data: new Float32Array(294) }),
      /must be a 3D 7³ convolution/,
    ],
    ['a missing norm', (dict) => dict.delete('features.norm5.bias'), /lacks 'features.norm5.bias'/],
    [
      'an extra body key',
      (dict) => dict.set('features.extra.weight', { shape: [1], data: new Float32Array(1) }),
      /'features.extra.weight' does not belong to the inferred DenseNet/,
    ],
    [
      'a NaN weight',
      (dict) => {
        (
          dict.get('features.denseblock1.denselayer2.layers.conv1.weight')!.data as Float32Array
        )[5] = Number.NaN;
      },
      /weight 'features.denseblock1.denselayer2.layers.conv1.weight' must be finite, got NaN at element 5/,
    ],
    [
      'an infinite running variance',
      (dict) => {
        (dict.get('features.norm5.running_var')!.data as Float32Array)[0] = -Infinity;
      },
      /weight 'features.norm5.running_var' must be finite, got -Infinity at element 0/,
    ],
  ])('rejects a state_dict with %s', (_, damage, message) => {
    const dict = stateDict(monai, 2, 'class_layers.out');
    damage(dict);
    expect(() => importStateDict(dict)).toThrowError(message);
  });

  it.each<[string, (dict: Map<string, StateDictEntry>) => void, HeadMapping[] | undefined]>([
    ['not a DenseNet (no stem)', (dict) => dict.delete('features.conv0.weight'), undefined],
    [
      'a head that is not there',
      () => undefined,
      [{ task: 't', moduleKey: 'fc', classes: ['a', 'b'] }],
    ],
    [
      'a NaN weight',
      (dict) => {
        (dict.get('features.conv0.weight')!.data as Float32Array)[0] = Number.NaN;
      },
      undefined,
    ],
  ])('names the file in every error: %s', (_, damage, heads) => {
    const dict = stateDict(monai, 2, 'class_layers.out');
    damage(dict);
    let error: unknown;
    try {
      importStateDict(dict, heads, { file: 'resnet50.pth' });
    } catch (caught) {
      error = caught;
    }
    expect(DenseNetError.isInstance(error)).toBe(true);
    expect((error as DenseNetError).file).toBe('resnet50.pth');
    expect((error as DenseNetError).message).toMatch(/^resnet50\.pth: /);
  });
});
