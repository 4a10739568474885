import { describe, expect, it } from 'vitest';
import { type DenseNetPresetName, densenetPreset } from '../presets';
import type { HeadConfig } from './config';
import { countParameters, parameterSpecs } from './dense-net-modules';

const BINARY: HeadConfig = { task: 'out', kind: 'multiclass', classes: ['a', 'b'] };

describe('parameter counts equal MONAI DenseNet(spatial_dims=3, in_channels=1, out_channels=2)', () => {
  // From fixtures/monai_densenet.py (MONAI's module structure): sum(p.numel() for p in model.parameters()),
  // the features alone, and the running statistics (buffers without num_batches_tracked).
  it.each<[DenseNetPresetName, number, number, number]>([
    ['densenet121', 11_244_674, 11_242_624, 83_648],
    ['densenet169', 18_546_050, 18_542_720, 158_400],
    ['densenet201', 25_334_658, 25_330_816, 229_056],
    ['densenet264', 40_251_266, 40_245_888, 398_528],
  ])(
    '%s: %i parameters (%i in features), %i running statistics',
    (name, total, features, buffers) => {
      const config = { body: densenetPreset(name), heads: [BINARY] };
      expect(countParameters(config)).toBe(total);
      const featureCount = parameterSpecs(config)
        .filter((spec) => spec.trainable && spec.key.startsWith('features.'))
        .reduce((sum, spec) => sum + spec.shape.reduce((product, size) => product * size, 1), 0);
      expect(featureCount).toBe(features);
      expect(countParameters(config, true) - total).toBe(buffers);
    },
  );

  it('names weights by MONAI state_dict keys, convolutions [kd, kh, kw, in, out]', () => {
    const specs = parameterSpecs({ body: densenetPreset('densenet121'), heads: [BINARY] });
    const byKey = new Map(specs.map((spec) => [spec.key, spec.shape]));
    expect(byKey.get('features.conv0.weight')).toEqual([7, 7, 7, 1, 64]);
    expect(byKey.get('features.denseblock1.denselayer1.layers.conv1.weight')).toEqual([
      1, 1, 1, 64, 128,
    ]);
    expect(byKey.get('features.denseblock1.denselayer6.layers.conv2.weight')).toEqual([
      3, 3, 3, 128, 32,
    ]);
    expect(byKey.get('features.transition3.conv.weight')).toEqual([1, 1, 1, 1024, 512]);
    expect(byKey.get('features.norm5.running_var')).toEqual([1024]);
    expect(byKey.get('heads.out.weight')).toEqual([1024, 2]);
    // 727 MONAI state_dict entries, minus 121 num_batches_tracked buffers.
    expect(specs).toHaveLength(727 - 121);
  });
});
