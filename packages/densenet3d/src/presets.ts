/** The architecture of a 3D DenseNet body (MONAI `DenseNet` with `spatial_dims=3`). */
export interface DenseNetBodyConfig {
  /** Input channels (1 for CT). */
  inChannels: number;
  /** Channels after the 7³ stem convolution. */
  initFeatures: number;
  /** Channels each dense layer adds. */
  growthRate: number;
  /** Dense layers per block. */
  blockConfig: readonly number[];
  /** Bottleneck width multiplier: the 1³ convolution has `bnSize × growthRate` channels. */
  bnSize: number;
  /** Dropout probability after each dense layer (0 = none). */
  dropoutProb: number;
}

/** The standard DenseNet depths, as in MONAI's DenseNet121/169/201/264 classes. */
export type DenseNetPresetName = 'densenet121' | 'densenet169' | 'densenet201' | 'densenet264';

const BLOCKS: Record<DenseNetPresetName, readonly number[]> = {
  densenet121: [6, 12, 24, 16],
  densenet169: [6, 12, 32, 32],
  densenet201: [6, 12, 48, 32],
  densenet264: [6, 12, 64, 48],
};

/**
 * The body configuration of a standard DenseNet (init features 64, growth 32, bn_size 4).
 * @example
 * densenetPreset('densenet121').blockConfig; // [6, 12, 24, 16]
 */
export function densenetPreset(name: DenseNetPresetName, inChannels = 1): DenseNetBodyConfig {
  return {
    inChannels,
    initFeatures: 64,
    growthRate: 32,
    blockConfig: BLOCKS[name],
    bnSize: 4,
    dropoutProb: 0,
  };
}
