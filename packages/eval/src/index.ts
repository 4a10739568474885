export {
  type BootstrapOptions,
  bootstrapTask,
  type Interval,
  type TaskIntervals,
} from './bootstrap/stratified-bootstrap';
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
  TEMPERATURE_RANGE,
  type TemperatureFit,
  type TemperatureFitInput,
} from './calibration/temperature-scaling';
export {
  formatPredictionsCsv,
  readPredictionsCsv,
  writePredictionsCsv,
} from './csv/format-predictions-csv';
export { type CsvRecord, parseCsv } from './csv/parse-csv';
export {
  type PredictionsCsvOptions,
  type PredictionsFile,
  parsePredictionsCsv,
} from './csv/predictions-csv';
export { DEFAULT_ORDINAL_TASKS, DEFAULT_TASKS } from './default-tasks';
export { EvaluationError, type EvaluationErrorCode } from './errors/evaluation-error';
export { INFERNO_STOPS, infernoColour, type Rgb } from './explain/colour-map';
export {
  type DisplaySlice,
  displaySlice,
  mosaicSliceIndices,
  planeAxis,
  SLICE_PLANES,
  type SlicePlane,
} from './explain/display-slices';
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
export {
  DEFAULT_OVERLAY_STYLE,
  type OverlayStyle,
  overlayRaster,
  pixelSource,
  type Raster,
} from './explain/slice-raster';
export { type ExplanationFiles, writeExplanation } from './explain/write-explanation';
export { type Calibration, calibration, type ReliabilityBin } from './metrics/calibration';
export { cohenKappa } from './metrics/cohen-kappa';
export { computeMetrics } from './metrics/compute-metrics';
export { confusionMatrix } from './metrics/confusion-matrix';
export {
  accuracyFromConfusion,
  balancedAccuracyFromConfusion,
  type ClassRatios,
  type ConfusionMatrix,
  classRatios,
  macroF1FromConfusion,
} from './metrics/confusion-metrics';
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
export {
  type OperatingPoint,
  type OperatingPoints,
  operatingPoints,
} from './metrics/operating-points';
export { predictClasses } from './metrics/predict-classes';
export { type RankedClass, rankClass, weightedAuc } from './metrics/ranked-scores';
export { type RocPoint, rocAuc, rocCurve } from './metrics/roc';
export { computeTaskMetrics, type TaskMetricsOptions } from './metrics/task-metrics';
// The figures' Vega-Lite specifications stay internal: their types (vega-lite's) would make
// every application typecheck vega-lite's declarations, which need the DOM lib and fail under
// exactOptionalPropertyTypes. The rendered figures (SVG, PNG) are public.
export { type PlacedFigure, renderEvaluationFigures } from './plots/evaluation-figures';
export { PLOT_FONT, type RenderedFigure } from './plots/render-vega-lite';
export type { CrossValidationContent, ReportFold } from './report/cross-validation-section';
export { formatMetricsText } from './report/metrics-text';
export { type ExtraFigure, type ReportContent, reportHtml } from './report/report-html';
export type { EvaluationTask, PredictionTable, TaskPredictions } from './task-predictions';
export {
  type HistoryEntry,
  parseTrainingHistory,
  type TrainingHistory,
} from './training-history';
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
