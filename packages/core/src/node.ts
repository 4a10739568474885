export { acquireLock, type FileLock } from './io/lock-file';
export {
  editPublishedFolder,
  findPublishedFolder,
  PUBLISHED_FOLDER_MARKER,
  publishFolder,
  recoverPublishedFolder,
} from './io/published-folder';
export { isTemporaryName, removeTemporaries } from './io/temporaries';
export { isTemporarySibling, temporarySibling, writeFileAtomic } from './io/write-file-atomic';
