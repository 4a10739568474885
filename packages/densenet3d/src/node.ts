export { loadCheckpoint, readCheckpointMetadata } from './checkpoint/load-node';
export {
  type CheckpointInfo,
  type SaveCheckpointOptions,
  saveCheckpoint,
} from './checkpoint/save-node';
