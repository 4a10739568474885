import { describe, expect, it } from 'vitest';
import { featureChannels } from './model/dense-net-modules';
import { type DenseNetPresetName, densenetPreset } from './presets';

describe('DenseNet presets', () => {
  it.each<[DenseNetPresetName, number[], number]>([
    ['densenet121', [6, 12, 24, 16], 1024],
    ['densenet169', [6, 12, 32, 32], 1664],
    ['densenet201', [6, 12, 48, 32], 1920],
    ['densenet264', [6, 12, 64, 48], 2688],
  ])('%s: blocks %j → %i features (torchvision/MONAI)', (name, blocks, features) => {
    const config = densenetPreset(name);
    expect(config.blockConfig).toEqual(blocks);
    expect(featureChannels(config)).toBe(features);
  });
});
