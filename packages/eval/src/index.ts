export type { BootstrapOptions, Interval, TaskIntervals } from './bootstrap/stratified-bootstrap';
export {
  type ChosenOperatingPoint,
  chooseOperatingPoint,
} from './calibration/choose-operating-point';
export {
  type CalibrationFitResult,
  type CalibrationRequest,
  fitCheckpointCalibration,
} from './calibration/fit-checkpoint-calibration';
export {
  type LogitsTable,
  type PredictionTableOptions,
  predictionTableFromLogits,
} from './calibration/prediction-table-from-logits';
export type { TaskLogits } from './calibration/task-logits';
export {
  fitTemperature,
  type TemperatureFit,
  type TemperatureFitInput,
} from './calibration/temperature-scaling';
export {
  formatPredictionsCsv,
  readPredictionsCsv,
  writePredictionsCsv,
} from './csv/format-predictions-csv';
export type { CsvRecord } from './csv/parse-csv';
export {
  type PredictionsCsvOptions,
  type PredictionsFile,
  parsePredictionsCsv,
} from './csv/predictions-csv';
export { DEFAULT_ORDINAL_TASKS } from './default-tasks';
export { EvaluationError, type EvaluationErrorCode } from './errors/evaluation-error';
export {
  type CheckpointEvaluation,
  calibrateCheckpoint,
  type EvaluateCheckpointOptions,
  evaluateCheckpoint,
  type LabelledScan,
  type PredictLogitsOptions,
  predictLogits,
  type ScanReader,
} from './evaluate/evaluate-checkpoint';
export type { Rgb } from './explain/colour-map';
export type { DisplaySlice, SlicePlane } from './explain/display-slices';
export {
  type ExplainScanInput,
  type ExplanationSummary,
  explainScan,
  type ScanExplanation,
  scanBaseName,
} from './explain/explain-scan';
export { gradCamReportFigures } from './explain/grad-cam-figures';
export {
  type Mosaic,
  type MosaicOptions,
  type MosaicPanel,
  renderGradCamMosaic,
} from './explain/render-mosaic';
export type { OverlayStyle, Raster } from './explain/slice-raster';
export { type ExplanationFiles, writeExplanation } from './explain/write-explanation';
export { type Calibration, calibration, type ReliabilityBin } from './metrics/calibration';

export { computeMetrics } from './metrics/compute-metrics';

export type { ClassRatios, ConfusionMatrix } from './metrics/confusion-metrics';
export {
  type FoldSummary,
  type SummaryStatistic,
  summariseFolds,
} from './metrics/fold-summary';
export type {
  BootstrapSummary,
  ChosenOperatingPointMetrics,
  ClassMetrics,
  MetricsDocument,
  TaskMetrics,
  TemperatureScalingMetrics,
} from './metrics/metrics-document';
export type { OperatingPoint, OperatingPoints } from './metrics/operating-points';
export type { RankedClass } from './metrics/ranked-scores';
export type { RocPoint } from './metrics/roc';
export type { TaskMetricsOptions } from './metrics/task-metrics';
// The figures' Vega-Lite specifications stay internal: their types (vega-lite's) would make
// every application typecheck vega-lite's declarations, which need the DOM lib and fail under
// exactOptionalPropertyTypes. The rendered figures (SVG, PNG) are public.
export type { PlacedFigure } from './plots/evaluation-figures';
export type { RenderedFigure } from './plots/render-vega-lite';
export type { CrossValidationContent, ReportFold } from './report/cross-validation-section';
export { formatMetricsText } from './report/metrics-text';
export type { ExtraFigure, ReportContent } from './report/report-html';
export { calibrationLines, headlineMetrics } from './report/summary-lines';
export type { EvaluationTask, PredictionTable, TaskPredictions } from './task-predictions';
export type { HistoryEntry, TrainingHistory } from './training-history';
export {
  type CrossValidationInput,
  type CrossValidationMetrics,
  writeCrossValidation,
} from './write-cross-validation';
export {
  type EvaluationInput,
  type EvaluationOutput,
  type WriteEvaluationOptions,
  writeEvaluation,
} from './write-evaluation';
