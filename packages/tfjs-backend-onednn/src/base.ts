export type { NativeInfo } from './addon/addon-types';
export type { OneDnnStatus } from './addon/load-addon';
export {
  clearOneDnnCache,
  oneDnnStatus,
  setOneDnnCacheCapacity,
  setOneDnnThreads,
} from './backend/native-controls';
export { OneDnnBackend } from './backend/onednn-backend';
export {
  inheritCpuKernels,
  nativeKernelNames,
  ONEDNN_BACKEND_NAME,
  ONEDNN_BACKEND_PRIORITY,
  registerOneDnnBackend,
} from './backend/register-backend';
export { CtFractureError } from './errors/ct-fracture-error';
export { OneDnnError, type OneDnnErrorCode } from './errors/onednn-error';
export { oneDnnInstallHint } from './install-hint';
export { CtfAdamUpdate, type CtfAdamUpdateAttrs } from './kernels/shared/adam-names';
export {
  type CtfBatchNormAttrs,
  CtfBatchNormBackward,
  CtfBatchNormForward,
  CtfBatchNormReluBackward,
  CtfBatchNormReluForward,
  CtfReluBackward,
} from './kernels/shared/batch-norm-names';
