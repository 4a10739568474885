export {
  type BatchNormReluGradients,
  type BatchNormReluResult,
  type BatchStatistics,
  batchNormReluBackwardReference,
  batchNormReluReference,
} from './batch-norm/batch-norm-relu-reference';
export { batchNormTraining, ensureBatchNormGradient } from './batch-norm/batch-norm-training';
export {
  type BatchNormBackwardResult,
  type BatchNormTrainingResult,
  batchNormBackwardReference,
  batchNormTrainingReference,
} from './batch-norm/reference';
export type {
  CheckpointCalibration,
  TaskCalibration,
  TaskOperatingPoint,
} from './calibration/calibration-metadata';
export {
  type ClassifiedLogits,
  classifyLogits,
  DEFAULT_DECISION,
  type TaskDecision,
  taskDecision,
} from './calibration/classify-logits';
export {
  formatOperatingPointRule,
  type OperatingPointRule,
  parseOperatingPointRule,
} from './calibration/operating-point-rule';
export {
  CHECKPOINT_FILES,
  type CheckpointFiles,
  type CheckpointModelJson,
  checkpointFiles,
  modelFromCheckpointFiles,
  weightPaths,
} from './checkpoint/artifacts';
export { loadCheckpointFromUrl } from './checkpoint/load-url';
export {
  type CheckpointMetadata,
  MAX_INPUT_SIZE,
  ORIGINAL_PREPROCESSING,
  validateCheckpointMetadata,
} from './checkpoint/metadata';
export { DenseNetError, type DenseNetErrorCode } from './errors/densenet-error';
export { type CamTarget, camScore } from './grad-cam/cam-target';
export {
  channelWeights,
  GRAD_CAM_METHODS,
  GRAD_CAM_PLUS_PLUS_EPSILON,
  type GradCamMethod,
} from './grad-cam/channel-weights';
export { explainVolume, type VolumeExplanation } from './grad-cam/explain-volume';
export { explanationFileStem } from './grad-cam/explanation-file-stem';
export { ensureFusedBatchNormGradient } from './grad-cam/fused-batch-norm-gradient';
export {
  type GradCamOptions,
  type GradCamResult,
  gradCam,
  upsampleCam,
} from './grad-cam/grad-cam';
export { type HeatmapMaximum, heatmapMaximum } from './grad-cam/heatmap-maximum';
export { heatmapToScanSpace } from './grad-cam/scan-space';
export {
  type BackendDifference,
  type BackendParityOptions,
  compareBackends,
} from './model/compare-backends';
export {
  type DenseNetConfig,
  type HeadConfig,
  headsFromTasks,
  validateDenseNetConfig,
} from './model/config';
export { type CreateOptions, createDenseNet3d, denseNet3dFromWeights } from './model/create';
export { DenseNet3d, type ForwardOptions, type ForwardResult } from './model/dense-net-3d';
export {
  countParameters,
  defaultGradCamLayer,
  featureChannels,
  outputSpatialSize,
  parameterSpecs,
} from './model/dense-net-modules';
export { initialWeights } from './model/initialise';
export { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM } from './model/layers';
export type { ParameterRole, ParameterSpec } from './model/parameter-spec';
export {
  type DenseNetBodyConfig,
  type DenseNetPresetName,
  densenetPreset,
} from './presets';
export {
  type HeadMapping,
  type ImportStateDictOptions,
  importStateDict,
  type StateDictImport,
} from './torch/import-state-dict';
export {
  type DenseLayerNaming,
  type InferredBody,
  inferDenseNetBody,
  type StateDictEntry,
} from './torch/infer-architecture';
export { type TorchArray, torchToTfjsLayout } from './torch/layout';
export {
  ALLOWED_GLOBALS,
  type PickleTuple,
  type PickleValue,
  type StorageRef,
  type TensorRef,
  type TorchStorageDtype,
  unpickle,
} from './torch/unpickler';
