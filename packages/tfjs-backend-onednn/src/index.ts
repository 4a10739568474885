import './register';

export {
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
