export type { LabelRow, LabelTable, ParseLabelCsvOptions } from './csv/label-table';
export { parseLabelCsv, readLabelCsv } from './csv/parse-label-csv';
export {
  type CsvDelimiter,
  type CsvRecord,
  type CsvRecords,
  detectDelimiter,
  readCsvRecords,
} from './csv/read-csv-records';
export {
  failingProblems,
  parseLabelCsvOrThrow,
  throwOnLabelErrors,
} from './csv/throw-on-label-errors';
export { CtFractureError } from './errors/ct-fracture-error';
export {
  LabelError,
  type LabelErrorCode,
  type LabelErrorOptions,
  type LabelProblemSeverity,
} from './errors/label-error';
export { patientIdFromFileName } from './patient-id';
export { DEFAULT_LABEL_SPEC } from './spec/default-label-spec';
export type { LabelSpec, LabelTaskSpec, MarkerRule, TaskKind } from './spec/label-spec';
export {
  DEFAULT_MISSING_VALUES,
  DEFAULT_NEGATIONS,
  type LabelSpecInput,
  labelSpecSchema,
} from './spec/label-spec-schema';
export { ORIGINAL_LABEL_SPEC } from './spec/original-label-spec';
export { loadLabelSpec, parseLabelSpec } from './spec/parse-label-spec';
export { sortLikeLabelEncoder } from './spec/sort-like-label-encoder';
export { columnKey } from './values/compile-label-spec';
export { normaliseLabelValue } from './values/normalise-label-value';
