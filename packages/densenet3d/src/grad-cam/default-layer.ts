import type { DenseNetBodyConfig } from '../presets';

/**
 * The Grad-CAM layer used when none is given: the output of the last dense block, before the
 * final norm (`features.denseblock4` for DenseNet121) — the most semantic feature map that still
 * has a spatial extent (input / 32 per axis for four blocks).
 * @example
 * defaultGradCamLayer(densenetPreset('densenet121')); // 'features.denseblock4'
 */
export function defaultGradCamLayer(body: Pick<DenseNetBodyConfig, 'blockConfig'>): string {
  return `features.denseblock${body.blockConfig.length}`;
}
