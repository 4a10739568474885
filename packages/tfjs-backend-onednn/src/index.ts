import './register';

export {
  clearOneDnnCache,
  ONEDNN_BACKEND_NAME,
  OneDnnError,
  type OneDnnStatus,
  oneDnnStatus,
  registerOneDnnBackend,
  setOneDnnCacheCapacity,
  setOneDnnThreads,
} from './base';
