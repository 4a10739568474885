import type { Interval, TaskIntervals } from '../bootstrap/stratified-bootstrap';
import type { Calibration } from './calibration';
import type { OperatingPoints } from './operating-points';

/** Metrics of one class, one-vs-rest (DESIGN.md `per_class`). */
export interface ClassMetrics {
  /** One-vs-rest ROC AUC; `null` when the class is absent from the truth or is the only class. */
  auc: number | null;
  sensitivity: number;
  specificity: number;
  ppv: number;
  npv: number;
  f1: number;
  support: number;
}

/** The operating point a binary task's predictions were made at, on the rows it was chosen on and on these. */
export interface ChosenOperatingPointMetrics {
  /** The rule that chose it (`youden`, `sensitivity:0.95`, `specificity:0.9`, `threshold:0.3`). */
  rule: string;
  /** Positive when p(positive) ≥ threshold (calibrated probability when the task is calibrated). */
  threshold: number;
  /** Where it was chosen (the validation split): labelled rows, sensitivity, specificity. */
  validation: { n: number; sensitivity: number; specificity: number };
  /** On these rows: the positive class's sensitivity and specificity (as `per_class`). */
  sensitivity: number;
  specificity: number;
  ci95: { sensitivity: Interval | null; specificity: Interval | null };
}

/** Temperature scaling applied to a task's probabilities, and the calibration before it. */
export interface TemperatureScalingMetrics {
  temperature: number;
  /** Where it was fitted (labelled rows, NLL and ECE before and after there), when known. */
  validation: {
    n: number;
    nll_before: number;
    nll_after: number;
    ece_before: number;
    ece_after: number;
  } | null;
  /** Calibration of these rows' probabilities before scaling (`calibration` is after). */
  before: Calibration;
}

/**
 * Metrics of one task: DESIGN.md's schema (`n` … `ci95`), then additions that keep it intact
 * (`kind`, `ordinal`, `missing`, `predicted_counts`, `operating_points`, `calibration`,
 * `chosen_operating_point`, `temperature_scaling`, `undefined_reasons`).
 */
export interface TaskMetrics {
  /** Rows with a label (rows with a missing label are left out). */
  n: number;
  classes: string[];
  accuracy: number | null;
  balanced_accuracy: number | null;
  macro_f1: number | null;
  /** Unweighted Cohen's kappa. */
  cohen_kappa: number | null;
  /** Quadratic-weighted kappa for ordinal tasks; `null` (with a reason) for nominal ones. */
  quadratic_kappa: number | null;
  /** Mean of the defined per-class AUCs. */
  macro_auc: number | null;
  /** `K × K`, rows = true class, columns = predicted class, in `classes` order. */
  confusion_matrix: number[][];
  per_class: Record<string, ClassMetrics>;
  /** Stratified bootstrap percentile intervals (level in the document's `bootstrap`). */
  ci95: TaskIntervals;
  kind: 'binary' | 'multiclass';
  ordinal: boolean;
  /** Rows whose label is missing. */
  missing: number;
  /** How often each class was predicted (labelled rows). */
  predicted_counts: Record<string, number>;
  /** Binary tasks: operating points at 0.5 and at Youden's J; `null` otherwise or when undefined. */
  operating_points: OperatingPoints | null;
  calibration: Calibration;
  /** Binary tasks predicted at a chosen operating point (e.g. from the checkpoint), else `null`. */
  chosen_operating_point: ChosenOperatingPointMetrics | null;
  /** When the probabilities were temperature-scaled: the temperature and calibration before it. */
  temperature_scaling: TemperatureScalingMetrics | null;
  /** Why a value is `null` (or a mean leaves something out), keyed by its path, e.g. `per_class.yes.auc`. */
  undefined_reasons: Record<string, string>;
}

/** How the intervals were computed. */
export interface BootstrapSummary {
  method: 'stratified percentile bootstrap';
  resamples: number;
  seed: number;
  confidence: number;
}

/** The metrics document: `metrics --json` and `validate`'s `metrics.json` (DESIGN.md). */
export interface MetricsDocument {
  tasks: Record<string, TaskMetrics>;
  bootstrap: BootstrapSummary;
}

export type { Interval };
