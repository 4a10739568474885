export { resolveFolder } from './checkpoint/checkpoint-folder';

export {
  CONFIG_FLAGS,
  type ConfigFlag,
  configFlagOverrides,
  configFlagValue,
} from './config/config-flags';
export { configFields, configReferenceMarkdown } from './config/config-reference';
export type { TrainConfig } from './config/config-schema';
export { cacheDirFor, defaultCacheDir } from './config/derived-settings';
export {
  type ConfigOverride,
  parseTrainConfig,
  parseTrainConfigText,
  readTrainConfig,
} from './config/load-config';
export { TrainerError } from './errors/trainer-error';
export type { WeightedTaskLoss } from './loss/multi-task-loss';
export { AdamOptimizer } from './optim/adam';
export { convertScan } from './pipeline/convert-scan';
export { inspectScan, type ScanSummary } from './pipeline/inspect-scan';
export { preprocessedScan } from './pipeline/preprocessed-scan';
export { readScan } from './pipeline/read-scan';
export { scanReader } from './pipeline/scan-reader';
export { registerAllGradients } from './tfjs/register-gradients';
export { type FoldsFile, readFoldsFile } from './train/cross-validation-folds-file';
export { checkCrossValidationPool } from './train/cross-validation-pool';
export type { MetricsRecord } from './train/progress-events';
export { progressReporter } from './train/progress-reporter';
export { readRunConfig, runTimestamp } from './train/run-folder';

export { type TrainResult, train } from './train/train';

export { computeGradients } from './train/train-step';
export { checkLabelledScans, checkTrainingData, resolveLabelSpec } from './train/training-data';
export { initialTrainingState, loadTrainingState } from './train/training-state';
