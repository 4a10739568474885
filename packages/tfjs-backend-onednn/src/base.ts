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
export { OneDnnError, type OneDnnErrorCode } from './errors/onednn-error';
export { oneDnnInstallHint } from './install-hint';
