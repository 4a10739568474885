/** CT display windows in HU `[lo, hi]`. */
export const WINDOW_PRESETS = {
  /** Bone: width 1800, level 400 (the training window of the original recipe). */
  bone: [-500, 1300],
  /** Soft tissue: width 400, level 40. */
  'soft-tissue': [-160, 240],
} as const satisfies Record<string, readonly [number, number]>;

export type WindowPreset = keyof typeof WINDOW_PRESETS;
