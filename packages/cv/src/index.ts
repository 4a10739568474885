export {
  aggregateCrossValidation,
  type CrossValidationAggregate,
} from './aggregate-cross-validation';
export {
  type CreateCrossValidationOptions,
  createCrossValidation,
} from './create-cross-validation';

export type { CvManifest } from './cv-manifest';
export { CvError, type CvErrorCode } from './errors/cv-error';
export {
  crossValidationStatus,
  type FoldInfo,
  type FoldStatus,
  foldRun,
  foldStatus,
} from './fold-run';
export { runFoldProcess, threadsPerJob } from './run/fold-process';
export {
  type CrossValidationEvent,
  type RunCrossValidationOptions,
  runCrossValidation,
} from './run/run-cross-validation';
export type { FoldOutcome, RunFoldsOptions } from './run/run-folds';
export { checkPartition, type SlurmEnvironment, submitSlurm } from './slurm/slurm-client';
export { checkSlurmResources, type SlurmResources } from './slurm/slurm-options';
export {
  type SlurmScriptOptions,
  type SlurmScripts,
  writeSlurmScripts,
} from './slurm/slurm-scripts';
