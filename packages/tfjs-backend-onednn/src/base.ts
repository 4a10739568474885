export type { OneDnnStatus } from './addon/load-addon';
export {
  clearOneDnnCache,
  oneDnnStatus,
  setOneDnnCacheCapacity,
  setOneDnnThreads,
} from './backend/native-controls';

export { ONEDNN_BACKEND_NAME, registerOneDnnBackend } from './backend/register-backend';
export { OneDnnError } from './errors/onednn-error';
