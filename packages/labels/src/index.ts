export { CSV_LIMITS, type CsvLimits } from './csv/csv-limits';
export type { LabelRow, LabelTable, ParseLabelCsvOptions } from './csv/label-table';
export { parseLabelCsv, readLabelCsv } from './csv/parse-label-csv';
export type { UnlistedProblems } from './csv/problem-list';
export type { CsvDelimiter, CsvRecord, CsvRecords } from './csv/read-csv-records';
export { parseLabelCsvOrThrow, throwOnLabelErrors } from './csv/throw-on-label-errors';
export {
  type CheckLabelDatasetOptions,
  checkLabelDataset,
  type LabelDatasetReport,
} from './dataset/check-label-dataset';

export { type EncodedTaskLabels, encodeLabels } from './encode/encode-labels';
export {
  LabelError,
  type LabelErrorCode,
  type LabelErrorOptions,
  type LabelProblemSeverity,
} from './errors/label-error';
export {
  type MatchScansOptions,
  matchScansToRows,
  type ScanMatch,
  type ScanMatching,
} from './match/match-scans';
export { patientIdFromFileName } from './match/patient-id';
export type { ScanMatcher } from './match/scan-matcher';
export { DEFAULT_LABEL_SPEC } from './spec/default-label-spec';
export type { LabelSpec, LabelTaskSpec, MarkerRule } from './spec/label-spec';
export type { LabelSpecInput } from './spec/label-spec-schema';
export { ORIGINAL_LABEL_SPEC } from './spec/original-label-spec';
export { loadLabelSpec, parseLabelSpec } from './spec/parse-label-spec';
export { sortLikeLabelEncoder } from './spec/sort-like-label-encoder';
export {
  type CrossValidationFold,
  type CrossValidationOptions,
  crossValidationFolds,
} from './split/cross-validation-folds';

export {
  type RowSplit,
  type StratifyOptions,
  stratifiedKFold,
  stratifiedSplit,
} from './split/stratified-split';
export { countClasses, type TaskClassCounts } from './stats/class-counts';
export {
  type ClassWeightMethod,
  type ClassWeightOptions,
  classWeights,
  classWeightsByTask,
} from './stats/class-weights';

export { normaliseLabelValue } from './values/normalise-label-value';
