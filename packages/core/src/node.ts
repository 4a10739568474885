export { isTemporarySibling, temporarySibling, writeFileAtomic } from './io/write-file-atomic';
