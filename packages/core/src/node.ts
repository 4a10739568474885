export {
  isTemporarySibling,
  temporarySibling,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from './io/write-file-atomic';
