export {
  type AcquireLockOptions,
  acquireLock,
  type FileLock,
  type LockRecord,
} from './io/lock-file';
export {
  currentProcessIdentity,
  type Liveness,
  type ProcessIdentity,
  processLiveness,
} from './io/process-identity';
export {
  editPublishedFolder,
  type FolderRecovery,
  findPublishedFolder,
  PUBLISHED_FOLDER_MARKER,
  type PublishFolderOptions,
  publishFolder,
  recoverPublishedFolder,
} from './io/published-folder';
export {
  asideSibling,
  isTemporaryName,
  type RemoveTemporariesOptions,
  removeTemporaries,
} from './io/temporaries';
export {
  isTemporarySibling,
  temporarySibling,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from './io/write-file-atomic';
