export { writeCheckpointCalibration } from './checkpoint/calibrate-node';
export { loadCheckpoint, readCheckpointMetadata } from './checkpoint/load-node';
export { type CheckpointInfo, saveCheckpoint } from './checkpoint/save-node';
export { PTH_LIMITS, readPth } from './torch/read-pth';
