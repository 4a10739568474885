export {
  type BatchNormReluGradients,
  type BatchNormReluResult,
  type BatchStatistics,
  batchNormReluBackwardReference,
  batchNormReluReference,
} from './batch-norm/batch-norm-relu-reference';
export { batchNormTraining } from './batch-norm/batch-norm-training';
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
  type TaskDecision,
  taskDecision,
} from './calibration/classify-logits';
export {
  formatOperatingPointRule,
  type OperatingPointRule,
  parseOperatingPointRule,
} from './calibration/operating-point-rule';
export type { CheckpointFiles, CheckpointModelJson } from './checkpoint/artifacts';
export { loadCheckpointFromUrl } from './checkpoint/load-url';
export {
  type CheckpointMetadata,
  MAX_INPUT_SIZE,
  ORIGINAL_PREPROCESSING,
} from './checkpoint/metadata';
export { DenseNetError, type DenseNetErrorCode } from './errors/densenet-error';
export type { CamTarget } from './grad-cam/cam-target';
export { GRAD_CAM_METHODS, type GradCamMethod } from './grad-cam/channel-weights';
export { explainVolume, type VolumeExplanation } from './grad-cam/explain-volume';
export { explanationFileStem } from './grad-cam/explanation-file-stem';
export { ensureFusedBatchNormGradient } from './grad-cam/fused-batch-norm-gradient';
export { type GradCamOptions, type GradCamResult, gradCam } from './grad-cam/grad-cam';
export type { HeatmapMaximum } from './grad-cam/heatmap-maximum';
export { heatmapToScanSpace } from './grad-cam/scan-space';
export {
  type PredictVolumeOptions,
  predictVolume,
  type TaskPrediction,
} from './inference/predict-volume';
export {
  type BackendDifference,
  type BackendParityOptions,
  compareBackends,
} from './model/compare-backends';
export { type DenseNetConfig, type HeadConfig, headsFromTasks } from './model/config';
export { type CreateOptions, createDenseNet3d, denseNet3dFromWeights } from './model/create';
export { DenseNet3d, type ForwardOptions, type ForwardResult } from './model/dense-net-3d';
export {
  countParameters,
  defaultGradCamLayer,
  featureChannels,
  outputSpatialSize,
  parameterSpecs,
} from './model/dense-net-modules';

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
export type { DenseLayerNaming, InferredBody, StateDictEntry } from './torch/infer-architecture';
export { type TorchArray, torchToTfjsLayout } from './torch/layout';
export type {
  PickleTuple,
  PickleValue,
  StorageRef,
  TensorRef,
  TorchStorageDtype,
} from './torch/unpickler';
