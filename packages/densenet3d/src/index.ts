export {
  type DenseNetBodyConfig,
  type DenseNetPresetName,
  densenetPreset,
  featureChannels,
} from './presets';
