export {
  affineResample,
  axisRotation,
  type Matrix3,
  multiply3,
  rotationMatrix,
  transpose3,
} from './augment/affine-resample';
export {
  type AppliedAugmentation,
  augmentVolume,
  isAugmentationActive,
} from './augment/augment-volume';
export { addGaussianNoise, flipAxes, scaleShift } from './augment/intensity';
export { resolveFolder } from './checkpoint/checkpoint-folder';
export {
  encodeOptimizerState,
  loadOptimizerState,
  OPTIMIZER_FILES,
} from './checkpoint/optimizer-io';
export {
  loadCheckpointModel,
  saveTrainingCheckpoint,
  type TrainingCheckpoint,
} from './checkpoint/training-checkpoint';
export {
  AUGMENTATION_PRESETS,
  type AugmentationConfig,
  type AugmentationParameters,
  type AugmentationPresetName,
  ORIGINAL_ROTATION_RANGE_DEG,
} from './config/augmentation-schema';
export {
  type ConfigFieldDoc,
  configFields,
  configReferenceMarkdown,
} from './config/config-reference';
export { type TrainConfig, type TrainConfigInput, trainConfigSchema } from './config/config-schema';
export type { DataConfig } from './config/data-schema';
export {
  type ConfigOverride,
  parseTrainConfig,
  parseTrainConfigText,
  readTrainConfig,
  setConfigValue,
} from './config/load-config';
export type { LossConfig } from './config/loss-schema';
export type { ModelConfig } from './config/model-schema';
export type { OptimizerConfig } from './config/optimizer-schema';
export type { ScheduleConfig } from './config/schedule-schema';
export type { TrainingConfig } from './config/training-schema';
export { TrainerError, type TrainerErrorCode } from './errors/trainer-error';
export {
  type MultiTaskLossValue,
  multiTaskLoss,
  type WeightedTaskLoss,
} from './loss/multi-task-loss';
export { type TaskLossOptions, taskLoss } from './loss/task-loss';
export { AdamOptimizer, type AdamOptions, type AdamState } from './optim/adam';
export { clipByGlobalNorm, GradientAccumulator, globalNorm } from './optim/gradients';
export {
  type ConstantSchedule,
  type LearningRateSchedule,
  learningRateAt,
  ORIGINAL_SCHEDULE,
  scheduleFromConfig,
  type WarmupCosineSchedule,
} from './optim/lr-schedule';
export {
  type Batch,
  BatchLoader,
  type BatchLoaderOptions,
  type DatasetSample,
} from './pipeline/batch-loader';
export { contentHash, sha256File } from './pipeline/content-hash';
export { type ConvertedScan, convertScan } from './pipeline/convert-scan';
export { inspectScan, type ScanSummary } from './pipeline/inspect-scan';
export { prepareSample } from './pipeline/prepare-sample';
export {
  type CachedVolume,
  type CacheStats,
  canonicalJson,
  PREPROCESSING_CACHE_VERSION,
  PreprocessCache,
} from './pipeline/preprocess-cache';
export { preprocessScan } from './pipeline/preprocess-scan';
export { preprocessedScan } from './pipeline/preprocessed-scan';
export {
  checkScan,
  type ReadScanOptions,
  readScan,
  type ScanFormat,
  type ScanVolume,
  scanFormat,
} from './pipeline/read-scan';
export { defaultWorkerCount, findWorkerScript, SamplePreparer } from './pipeline/sample-preparer';
export type { PreparedSample, SampleRequest } from './pipeline/sample-request';
export { registerAllGradients } from './tfjs/register-gradients';
export { improves, isLowerBetter, metricValue } from './train/best-metric';
export {
  type FoldPatients,
  type FoldsFile,
  readFoldsFile,
} from './train/cross-validation-folds-file';
export { type CrossValidationPool, checkCrossValidationPool } from './train/cross-validation-pool';
export { type TrainableModel, trainableWeights } from './train/model-like';
export type {
  MetricsRecord,
  TrainProgressEvent,
  TrainStopReason,
} from './train/progress-events';
export { type ProgressStream, progressReporter } from './train/progress-reporter';
export { type RunContext, saveLast, taskRecord } from './train/run-context';
export { createRunFolder, readRunConfig, runTimestamp, writeRunConfig } from './train/run-folder';
export { cacheDirFor, modelConfigFor, taskLossesFor } from './train/run-setup';
export { setUpRun } from './train/setup-run';
export {
  type TaskMetrics,
  TaskMetricsAccumulator,
  type TaskMetricsSnapshot,
} from './train/task-metrics';
export { type TrainOptions, type TrainResult, train } from './train/train';
export { epochOrder, trainEpoch } from './train/train-epoch';
export { computeGradients, evaluateBatch, type StepResult } from './train/train-step';
export {
  checkLabelledScans,
  checkScanHeaders,
  checkTrainingData,
  loadTrainingData,
  resolveLabelSpec,
  type TrainingData,
} from './train/training-data';
export {
  initialTrainingState,
  loadTrainingState,
  TRAINING_STATE_FILE,
  type TrainingState,
} from './train/training-state';
export { validateEpoch } from './train/validate-epoch';
export { type ValidationResult, validateModel } from './train/validate-model';
