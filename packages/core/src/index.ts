export { CtFractureError, errorMarker } from './errors/ct-fracture-error';
export { FileLockError } from './errors/file-lock-error';
export {
  CtfAdamUpdate,
  type CtfAdamUpdateAttrs,
  type CtfBatchNormAttrs,
  CtfBatchNormBackward,
  CtfBatchNormForward,
  CtfBatchNormReluBackward,
  CtfBatchNormReluForward,
  type CtfDenseLayerAttrs,
  CtfDenseLayerBackward,
  CtfDenseLayerForward,
  CtfMultiAdamUpdate,
  type CtfMultiAdamUpdateAttrs,
  CtfReluBackward,
  CUSTOM_KERNEL_NAMES,
} from './kernels/kernel-names';
export { ORIGINAL_LAYOUT } from './layout/original-layout';
export { RANDOM_ALGORITHMS } from './random/algorithms';
export { seedFromName, seedFromPath } from './random/derive-seed';
export { SeededRandom } from './random/seeded-random';
export { DEFAULT_THRESHOLD, predictedClass } from './task/predicted-class';
export { probabilitiesFromLogits } from './task/probabilities';
export {
  logitCount,
  POSITIVE_CLASS_INDEX,
  type TaskDefinition,
  type TaskKind,
} from './task/task-definition';
export { MAX_QUOTED_CHARACTERS, quoteValue } from './text/quote-value';
export type { Mat4, Vec3, Volume } from './volume/volume';
