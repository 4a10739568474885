export {
  batchNormReluBackwardReference,
  batchNormReluReference,
} from './batch-norm/batch-norm-relu-reference';

export { batchNormBackwardReference, batchNormTrainingReference } from './batch-norm/reference';
export type {
  CheckpointCalibration,
  TaskCalibration,
  TaskOperatingPoint,
} from './calibration/calibration-metadata';
export { classifyLogits, taskDecision } from './calibration/classify-logits';
export {
  formatOperatingPointRule,
  type OperatingPointRule,
  parseOperatingPointRule,
} from './calibration/operating-point-rule';

export { loadCheckpointFromUrl } from './checkpoint/load-url';
export {
  type CheckpointMetadata,
  MAX_INPUT_SIZE,
  ORIGINAL_PREPROCESSING,
} from './checkpoint/metadata';
export { DenseNetError } from './errors/densenet-error';

export { GRAD_CAM_METHODS, type GradCamMethod } from './grad-cam/channel-weights';
export { explainVolume, type VolumeExplanation } from './grad-cam/explain-volume';
export { explanationFileStem } from './grad-cam/explanation-file-stem';
export { ensureFusedBatchNormGradient } from './grad-cam/fused-batch-norm-gradient';
export { gradCam } from './grad-cam/grad-cam';

export { heatmapToScanSpace } from './grad-cam/scan-space';
export { predictVolume, type TaskPrediction } from './inference/predict-volume';
export { compareBackends } from './model/compare-backends';
export { type DenseNetConfig, type HeadConfig, headsFromTasks } from './model/config';
export { createDenseNet3d, denseNet3dFromWeights } from './model/create';
export { DenseNet3d } from './model/dense-net-3d';
export {
  countParameters,
  defaultGradCamLayer,
  featureChannels,
  outputSpatialSize,
  parameterSpecs,
} from './model/dense-net-modules';

export {
  type DenseNetBodyConfig,
  type DenseNetPresetName,
  densenetPreset,
} from './presets';
export { type HeadMapping, importStateDict, type StateDictImport } from './torch/import-state-dict';
export type { StateDictEntry } from './torch/infer-architecture';
export { type TorchArray, torchToTfjsLayout } from './torch/layout';
