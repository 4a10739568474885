import './register';

export {
  CtFractureError,
  type CtfBatchNormAttrs,
  CtfBatchNormBackward,
  CtfBatchNormForward,
  clearOneDnnCache,
  inheritCpuKernels,
  type NativeInfo,
  nativeKernelNames,
  ONEDNN_BACKEND_NAME,
  ONEDNN_BACKEND_PRIORITY,
  OneDnnBackend,
  OneDnnError,
  type OneDnnErrorCode,
  type OneDnnStatus,
  oneDnnInstallHint,
  oneDnnStatus,
  registerOneDnnBackend,
  setOneDnnCacheCapacity,
  setOneDnnThreads,
} from './base';
