export type { Matrix3 } from './augment/affine-resample';
export type { AppliedAugmentation } from './augment/augment-volume';

export { resolveFolder } from './checkpoint/checkpoint-folder';

export type { TrainingCheckpoint } from './checkpoint/training-checkpoint';
export {
  AUGMENTATION_PRESETS,
  type AugmentationConfig,
  type AugmentationParameters,
  type AugmentationPresetName,
} from './config/augmentation-schema';
export {
  CONFIG_FLAGS,
  type ConfigFlag,
  type ConfigFlagValue,
  configFlagOverrides,
  configFlagValue,
} from './config/config-flags';
export {
  type ConfigFieldDoc,
  configFields,
  configReferenceMarkdown,
} from './config/config-reference';
export type { TrainConfig, TrainConfigInput } from './config/config-schema';
export type { DataConfig } from './config/data-schema';
export {
  type ConfigOverride,
  parseTrainConfig,
  parseTrainConfigText,
  readTrainConfig,
} from './config/load-config';
export type { LossConfig } from './config/loss-schema';
export type { ModelConfig } from './config/model-schema';
export type { OptimizerConfig } from './config/optimizer-schema';
export type { ScheduleConfig } from './config/schedule-schema';
export type { TrainingConfig } from './config/training-schema';
export { TrainerError, type TrainerErrorCode } from './errors/trainer-error';
export type { MultiTaskLossValue, WeightedTaskLoss } from './loss/multi-task-loss';
export type { TaskLossOptions } from './loss/task-loss';
export { AdamOptimizer, type AdamOptions, type AdamState } from './optim/adam';

export type {
  ConstantSchedule,
  LearningRateSchedule,
  WarmupCosineSchedule,
} from './optim/lr-schedule';
export type { Batch, BatchLoaderOptions, DatasetSample } from './pipeline/batch-loader';

export { type ConvertedScan, convertScan } from './pipeline/convert-scan';
export { inspectScan, type ScanSummary } from './pipeline/inspect-scan';

export { type CachedVolume, type CacheStats, PreprocessCache } from './pipeline/preprocess-cache';
export { preprocessScan } from './pipeline/preprocess-scan';
export { preprocessedScan } from './pipeline/preprocessed-scan';
export {
  type ReadScanOptions,
  readScan,
  type ScanFormat,
  type ScanVolume,
} from './pipeline/read-scan';

export type { PreparedSample, SampleRequest } from './pipeline/sample-request';
export { type CachedScanReader, scanReader } from './pipeline/scan-reader';
export { registerAllGradients } from './tfjs/register-gradients';

export {
  type FoldPatients,
  type FoldsFile,
  readFoldsFile,
} from './train/cross-validation-folds-file';
export { type CrossValidationPool, checkCrossValidationPool } from './train/cross-validation-pool';
export type { TrainableModel } from './train/model-like';
export type {
  MetricsRecord,
  TrainProgressEvent,
  TrainStopReason,
} from './train/progress-events';
export { type ProgressStream, progressReporter } from './train/progress-reporter';
export type { RunContext } from './train/run-context';
export { readRunConfig, runTimestamp } from './train/run-folder';
export { cacheDirFor } from './train/run-setup';

export type { EpochTaskMetrics, TaskMetricsSnapshot } from './train/task-metrics';
export { type TrainOptions, type TrainResult, train } from './train/train';

export { computeGradients, type StepResult } from './train/train-step';
export {
  checkLabelledScans,
  checkTrainingData,
  resolveLabelSpec,
  type TrainingData,
} from './train/training-data';
export {
  initialTrainingState,
  loadTrainingState,
  type TrainingState,
} from './train/training-state';

export type { ValidationResult } from './train/validate-model';
