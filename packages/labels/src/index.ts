export { CSV_LIMITS } from './csv/csv-limits';

export { parseLabelCsv, readLabelCsv } from './csv/parse-label-csv';

export { parseLabelCsvOrThrow, throwOnLabelErrors } from './csv/throw-on-label-errors';
export { checkLabelDataset, type LabelDatasetReport } from './dataset/check-label-dataset';

export { encodeLabels } from './encode/encode-labels';
export { LabelError } from './errors/label-error';
export { matchScansToRows } from './match/match-scans';
export { patientIdFromFileName } from './match/patient-id';

export { DEFAULT_LABEL_SPEC } from './spec/default-label-spec';
export type { LabelSpec, LabelTaskSpec } from './spec/label-spec';

export { ORIGINAL_LABEL_SPEC } from './spec/original-label-spec';
export { loadLabelSpec, parseLabelSpec } from './spec/parse-label-spec';

export { crossValidationFolds } from './split/cross-validation-folds';

export { stratifiedKFold, stratifiedSplit } from './split/stratified-split';
export { countClasses } from './stats/class-counts';
export { classWeights, classWeightsByTask } from './stats/class-weights';

export { normaliseLabelValue } from './values/normalise-label-value';
