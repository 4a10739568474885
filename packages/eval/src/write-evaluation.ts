import { formatPredictionsCsv } from './csv/format-predictions-csv';
import { computeMetrics } from './metrics/compute-metrics';
import type { MetricsDocument } from './metrics/metrics-document';
import type { TaskMetricsOptions } from './metrics/task-metrics';
import { type PlacedFigure, renderEvaluationFigures } from './plots/evaluation-figures';
import { type ExtraFigure, reportHtml } from './report/report-html';
import type { PredictionTable } from './task-predictions';
import { parseTrainingHistory, type TrainingHistory } from './training-history';
import { writeReportFolder } from './write-report-folder';

/** What {@link writeEvaluation} evaluates and shows. */
export interface EvaluationInput {
  /** Per-task truth and probabilities, one row per scan. */
  predictions: PredictionTable;
  /** The run's training history: `metrics.jsonl` text or parsed. */
  history?: string | TrainingHistory;
  /** Run / checkpoint configuration (shown in the report as JSON). */
  config?: unknown;
  /** Dataset facts for the report (split, folder, …); class counts are computed. */
  dataset?: Readonly<Record<string, unknown>>;
  /** Further figures for the report, e.g. Grad-CAM overlays (PNG bytes or SVG text). */
  extraFigures?: readonly ExtraFigure[];
  /** Notes to show in the report (e.g. from reading the predictions). */
  notes?: readonly string[];
  /** Report title. */
  title?: string;
  /** Report time stamp (default now). */
  generatedAt?: Date;
}

/** Options of {@link writeEvaluation}: the metrics' options plus the PNG scale. */
export interface WriteEvaluationOptions extends TaskMetricsOptions {
  /** PNG pixels per SVG unit (default 2). */
  pngScale?: number;
}

/** What {@link writeEvaluation} wrote. */
export interface EvaluationOutput {
  metrics: MetricsDocument;
  figures: PlacedFigure[];
  /** Paths written, relative to the output folder. */
  files: string[];
}

/**
 * Evaluates predictions and writes a validation folder: `metrics.json` (DESIGN.md schema),
 * `predictions.csv`, `plots/<figure>.svg` and `.png` (confusion matrices, ROC curves,
 * reliability diagrams, training curves) and one self-contained `report.html`. A new, empty or
 * previous evaluation folder is replaced whole, crash-safely (`@ct-fracture/core/node`'s
 * `publishFolder`: a kill leaves the old result set or the new one, never a mix); into a folder
 * holding other files (a run folder) the files are staged beside and each renamed into place,
 * `report.html` last, so no file is ever seen half-written.
 * @param out - the folder to write (created if needed).
 * @param input - predictions, and optionally training history, configuration, dataset facts,
 * extra figures.
 * @param options - bootstrap (resamples ≥ 100, default 1000; seed, default 0), calibration bins,
 * PNG scale.
 * @throws {@link EvaluationError} `invalid-input` for inconsistent predictions, `io` when the
 * folder cannot be written; FileLockError (`@ct-fracture/core`) while another process writes it.
 * @example
 * ```ts
 * const { metrics, files } = await writeEvaluation('runs/x/validation', {
 *   predictions: { patientIds, tasks },
 *   history: await readFile('runs/x/metrics.jsonl', 'utf8'),
 *   config: checkpointJson,
 * }, { seed: 0 });
 * ```
 */
export async function writeEvaluation(
  out: string,
  input: EvaluationInput,
  options: WriteEvaluationOptions = {},
): Promise<EvaluationOutput> {
  const history =
    typeof input.history === 'string'
      ? parseTrainingHistory(input.history, 'metrics.jsonl')
      : input.history;
  const metrics = computeMetrics(input.predictions, options);
  const figures = await renderEvaluationFigures(
    input.predictions,
    metrics,
    history,
    options.pngScale,
  );
  const contents = new Map<string, string | Uint8Array>();
  contents.set('metrics.json', `${JSON.stringify(metrics, null, 2)}\n`);
  contents.set('predictions.csv', formatPredictionsCsv(input.predictions));
  for (const figure of figures) {
    contents.set(`plots/${figure.name}.svg`, figure.svg);
    contents.set(`plots/${figure.name}.png`, figure.png);
  }
  contents.set(
    'report.html',
    reportHtml({
      title: input.title,
      predictions: input.predictions,
      metrics,
      figures,
      config: input.config,
      dataset: input.dataset,
      extraFigures: input.extraFigures,
      notes: [...(input.notes ?? []), ...(history?.warnings ?? [])],
      generatedAt: input.generatedAt,
    }),
  );
  await writeReportFolder(out, contents);
  return { metrics, figures, files: [...contents.keys()].sort() };
}
