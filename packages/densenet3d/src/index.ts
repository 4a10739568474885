export {
  batchNormReluPieces,
  batchNormReluPiecesBackward,
  batchNormReluTraining,
  ensureBatchNormReluGradient,
} from './batch-norm/batch-norm-relu';
export {
  type BatchNormReluGradients,
  type BatchNormReluResult,
  type BatchStatistics,
  batchNormReluBackwardReference,
  batchNormReluReference,
} from './batch-norm/batch-norm-relu-reference';
export { batchNormTraining, ensureBatchNormGradient } from './batch-norm/batch-norm-training';
export {
  CTF_BATCH_NORM_BACKWARD,
  CTF_BATCH_NORM_FORWARD,
  CTF_BATCH_NORM_RELU_BACKWARD,
  CTF_BATCH_NORM_RELU_FORWARD,
  CTF_RELU_BACKWARD,
  type CtfBatchNormAttrs,
} from './batch-norm/kernel-names';
export {
  type BatchNormBackwardResult,
  type BatchNormTrainingResult,
  batchNormBackwardReference,
  batchNormTrainingReference,
} from './batch-norm/reference';
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
  type CheckpointPreprocessing,
  ORIGINAL_PREPROCESSING,
  validateCheckpointMetadata,
} from './checkpoint/metadata';
export { CtFractureError } from './errors/ct-fracture-error';
export { DenseNetError, type DenseNetErrorCode } from './errors/densenet-error';
export { type CamTarget, camScore } from './grad-cam/cam-target';
export {
  channelWeights,
  GRAD_CAM_METHODS,
  GRAD_CAM_PLUS_PLUS_EPSILON,
  type GradCamMethod,
} from './grad-cam/channel-weights';
export { defaultGradCamLayer } from './grad-cam/default-layer';
export { ensureFusedBatchNormGradient } from './grad-cam/fused-batch-norm-gradient';
export {
  type GradCamOptions,
  type GradCamResult,
  gradCam,
  upsampleCam,
} from './grad-cam/grad-cam';
export { type HeatmapMaximum, heatmapMaximum } from './grad-cam/heatmap-maximum';
export { trilinearResize } from './grad-cam/trilinear-resize';
export {
  type BackendDifference,
  type BackendParityOptions,
  compareBackends,
} from './model/compare-backends';
export {
  type DenseNetConfig,
  type HeadConfig,
  type HeadKind,
  headOutputSize,
  headsFromTasks,
  type TaskSpecLike,
  validateDenseNetConfig,
} from './model/config';
export { type CreateOptions, createDenseNet3d, denseNet3dFromWeights } from './model/create';
export { DenseNet3d, type ForwardOptions, type ForwardResult } from './model/dense-net-3d';
export { initialWeights } from './model/initialise';
export { BATCH_NORM_EPSILON, BATCH_NORM_MOMENTUM } from './model/layers';
export {
  countParameters,
  type ParameterRole,
  type ParameterSpec,
  parameterSpecs,
} from './model/parameter-specs';
export { predictedClass, probabilitiesFromLogits } from './model/probabilities';
export { outputSpatialSize } from './model/stages';
export {
  type DenseNetBodyConfig,
  type DenseNetPresetName,
  densenetPreset,
  featureChannels,
} from './presets';
export {
  type HeadMapping,
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
