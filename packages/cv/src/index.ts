export {
  aggregateCrossValidation,
  type CrossValidationAggregate,
} from './aggregate-cross-validation';
export { createCrossValidation } from './create-cross-validation';

export { CvError } from './errors/cv-error';
export { crossValidationStatus, foldRun } from './fold-run';
export { runFoldProcess, threadsPerJob } from './run/fold-process';
export { runCrossValidation } from './run/run-cross-validation';
export type { FoldOutcome } from './run/run-folds';
export { checkPartition, submitSlurm } from './slurm/slurm-client';
export { checkSlurmResources, type SlurmResources } from './slurm/slurm-options';
export { writeSlurmScripts } from './slurm/slurm-scripts';
