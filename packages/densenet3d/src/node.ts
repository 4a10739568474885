export { writeCheckpointCalibration } from './checkpoint/calibrate-node';
export { loadCheckpoint, readCheckpointMetadata } from './checkpoint/load-node';
export {
  type CheckpointInfo,
  type SaveCheckpointOptions,
  saveCheckpoint,
} from './checkpoint/save-node';
export { PTH_LIMITS, type ReadPthOptions, readPth, type TorchTensor } from './torch/read-pth';
export { crc32, readZipEntries, readZipEntry, type ZipEntry } from './torch/zip-reader';
