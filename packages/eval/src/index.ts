export { chooseOperatingPoint } from './calibration/choose-operating-point';
export {
  type CalibrationRequest,
  fitCheckpointCalibration,
} from './calibration/fit-checkpoint-calibration';
export {
  type LogitsTable,
  predictionTableFromLogits,
} from './calibration/prediction-table-from-logits';

export { fitTemperature } from './calibration/temperature-scaling';
export {
  formatPredictionsCsv,
  readPredictionsCsv,
  writePredictionsCsv,
} from './csv/format-predictions-csv';

export { parsePredictionsCsv } from './csv/predictions-csv';
export { DEFAULT_ORDINAL_TASKS } from './default-tasks';
export { EvaluationError } from './errors/evaluation-error';
export {
  type CheckpointEvaluation,
  calibrateCheckpoint,
  evaluateCheckpoint,
  predictLogits,
  type ScanReader,
} from './evaluate/evaluate-checkpoint';

export { explainScan, scanBaseName } from './explain/explain-scan';
export { gradCamReportFigures } from './explain/grad-cam-figures';
export { renderGradCamMosaic } from './explain/render-mosaic';

export { writeExplanation } from './explain/write-explanation';
export { calibration } from './metrics/calibration';

export { computeMetrics } from './metrics/compute-metrics';

export { summariseFolds } from './metrics/fold-summary';
export type { MetricsDocument, TaskMetrics } from './metrics/metrics-document';

// The figures' Vega-Lite specifications stay internal: their types (vega-lite's) would make
// every application typecheck vega-lite's declarations, which need the DOM lib and fail under
// exactOptionalPropertyTypes. The rendered figures (SVG, PNG) are public.

export type { ReportFold } from './report/cross-validation-section';
export { formatMetricsText } from './report/metrics-text';
export type { ExtraFigure } from './report/report-html';
export { calibrationLines, headlineMetrics } from './report/summary-lines';
export type { PredictionTable } from './task-predictions';

export { type CrossValidationMetrics, writeCrossValidation } from './write-cross-validation';
export { type EvaluationOutput, writeEvaluation } from './write-evaluation';
