import { describe, expect, it } from 'vitest';
import { densenetPreset } from '../presets';
import {
  bodyModules,
  defaultGradCamLayer,
  featureChannels,
  headModules,
  outputSpatialSize,
  parameterSpecs,
} from './dense-net-modules';
import {
  DENSE_LAYER_PARTS,
  denseBlockName,
  denseLayerName,
  denseLayerPartName,
  parseDenseLayerKey,
} from './names';

const TINY = {
  inChannels: 1,
  initFeatures: 4,
  growthRate: 2,
  blockConfig: [2, 1],
  bnSize: 2,
  dropoutProb: 0,
};

describe('the DenseNet described once', () => {
  it('lists the body stages in execution order with their kinds (MONAI module names)', () => {
    expect(bodyModules(TINY).map((stage) => [stage.name, stage.kind])).toEqual([
      ['features.conv0', 'convolution'],
      ['features.norm0', 'batch-norm'],
      ['features.relu0', 'activation'],
      ['features.pool0', 'pool'],
      ['features.denseblock1', 'dense-block'],
      ['features.transition1', 'transition'],
      ['features.denseblock2', 'dense-block'],
      ['features.norm5', 'batch-norm'],
      ['class_layers.relu', 'activation'],
      ['class_layers.flatten', 'global-pool'],
    ]);
  });

  it('derives the parameter list from what each stage declares (heads last)', () => {
    const config = {
      body: TINY,
      heads: [{ task: 'varus', kind: 'binary', classes: ['no', 'yes'] }] as const,
    };
    const fromModules = [...bodyModules(TINY), ...headModules(config)].flatMap(
      (module) => module.parameters,
    );
    expect(parameterSpecs(config)).toEqual(fromModules);
    expect(parameterSpecs(config).map((spec) => spec.key)).toEqual([
      'features.conv0.weight',
      ...['weight', 'bias', 'running_mean', 'running_var'].map((p) => `features.norm0.${p}`),
      ...[1, 2].flatMap((layer) =>
        DENSE_LAYER_PARTS.flatMap((part) =>
          part.startsWith('norm')
            ? ['weight', 'bias', 'running_mean', 'running_var'].map(
                (p) => `features.denseblock1.denselayer${layer}.layers.${part}.${p}`,
              )
            : [`features.denseblock1.denselayer${layer}.layers.${part}.weight`],
        ),
      ),
      ...['weight', 'bias', 'running_mean', 'running_var'].map(
        (p) => `features.transition1.norm.${p}`,
      ),
      'features.transition1.conv.weight',
      ...DENSE_LAYER_PARTS.flatMap((part) =>
        part.startsWith('norm')
          ? ['weight', 'bias', 'running_mean', 'running_var'].map(
              (p) => `features.denseblock2.denselayer1.layers.${part}.${p}`,
            )
          : [`features.denseblock2.denselayer1.layers.${part}.weight`],
      ),
      ...['weight', 'bias', 'running_mean', 'running_var'].map((p) => `features.norm5.${p}`),
      'heads.varus.weight',
      'heads.varus.bias',
    ]);
  });

  it.each([
    ['densenet121', 1024, 'features.denseblock4', [128, 4]],
    ['densenet169', 1664, 'features.denseblock4', [96, 3]],
    ['densenet201', 1920, 'features.denseblock4', [64, 2]],
    ['densenet264', 2688, 'features.denseblock4', [33, 1]],
  ] as const)(
    '%s: %i features, Grad-CAM layer %s, size %j',
    (name, features, layer, [input, output]) => {
      const body = densenetPreset(name);
      expect(featureChannels(body)).toBe(features);
      expect(defaultGradCamLayer(body)).toBe(layer);
      expect(outputSpatialSize(input, body)).toBe(output);
    },
  );

  it('names dense layers one way in both directions', () => {
    for (const part of DENSE_LAYER_PARTS) {
      const key = `${denseLayerPartName(denseLayerName(3, 12), part)}.weight`;
      expect(parseDenseLayerKey(key)).toEqual({
        layer: 'features.denseblock3.denselayer12',
        part,
        parameter: 'weight',
      });
    }
    expect(denseBlockName(2)).toBe('features.denseblock2');
    expect(parseDenseLayerKey('features.transition1.conv.weight')).toBeNull();
    expect(
      parseDenseLayerKey('module.features.denseblock1.denselayer1.layers.conv1.weight'),
    ).toBeNull();
  });
});
