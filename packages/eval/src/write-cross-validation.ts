import { join } from 'node:path';
import { parsePredictionsCsv } from './csv/predictions-csv';
import { computeMetrics } from './metrics/compute-metrics';
import { type FoldSummary, summariseFolds } from './metrics/fold-summary';
import type { MetricsDocument } from './metrics/metrics-document';
import { renderEvaluationFigures } from './plots/evaluation-figures';
import type { ReportFold } from './report/cross-validation-section';
import { reportHtml } from './report/report-html';
import type { WriteEvaluationOptions } from './write-evaluation';
import { writeReportFolder } from './write-report-folder';

/** What {@link writeCrossValidation} aggregates. */
export interface CrossValidationInput {
  /**
   * The out-of-fold predictions of each repetition as predictions.csv text (the finished folds'
   * rows under one header): the first is `oof-predictions.csv`; with several repetitions each is
   * also written as `oof-predictions-repeat-<r>.csv` (r from 1).
   */
  oofCsv: readonly string[];
  /** Every fold in fold order, `metrics: null` for those not finished. */
  folds: readonly ReportFold[];
  /** Shown in the report as JSON (the cross-validation's configuration). */
  config?: unknown;
  /** Dataset facts for the report (folder, folds, seed, …). */
  dataset?: Readonly<Record<string, unknown>>;
  /** Notes to show in the report. */
  notes?: readonly string[];
  title?: string;
  /** Report time stamp (default now). */
  generatedAt?: Date;
}

/** `metrics.json` of a cross-validation. */
export interface CrossValidationMetrics {
  /** The metrics of `oof-predictions.csv` (what `ct-fracture metrics` gives for it), with CIs. */
  pooled: MetricsDocument;
  /** Each fold's metrics, in fold order; `null` for a fold that has not finished. */
  folds: (MetricsDocument | null)[];
  /** Mean, sample SD (ddof = 1) and values per task and metric over the finished folds. */
  summary: FoldSummary;
  /** With several repetitions: the pooled metrics of each repetition's out-of-fold predictions. */
  repeats?: MetricsDocument[];
}

/**
 * Aggregates a cross-validation into `out`: `oof-predictions.csv` (and one file per repetition
 * when repeated), `metrics.json` = `{pooled, folds, summary}` — pooled being exactly what
 * `metrics` computes for `oof-predictions.csv` (same parser, same bootstrap options; ordinal
 * tasks as the folds had them), `summary` from {@link summariseFolds} — plots of the pooled
 * predictions and one self-contained `report.html` with the spread over folds. Written
 * through a staging folder, `report.html` last.
 * @param options - the pooled metrics' options (bootstrap resamples default 1000, seed 0 — the
 * `metrics` command's defaults) and the PNG scale.
 * @throws {@link EvaluationError} naming `oof-predictions.csv`'s line and column for a bad row
 * (e.g. a patient twice), `invalid-input` with no finished fold, `io` when `out` is not writable.
 * @example
 * ```ts
 * const { metrics } = await writeCrossValidation('runs/cv', { oofCsv: [text], folds });
 * metrics.summary.varus.balanced_accuracy.sd;
 * ```
 */
export async function writeCrossValidation(
  out: string,
  input: CrossValidationInput,
  options: WriteEvaluationOptions = {},
): Promise<{ metrics: CrossValidationMetrics; files: string[] }> {
  const finished = input.folds.flatMap((fold) => (fold.metrics === null ? [] : [fold.metrics]));
  const ordinal = Object.entries(finished[0]?.tasks ?? {})
    .filter(([, task]) => task.ordinal)
    .map(([name]) => name);
  const repeated = input.oofCsv.length > 1;
  const files = input.oofCsv.map((_text, r) =>
    r === 0 && !repeated ? 'oof-predictions.csv' : `oof-predictions-repeat-${r + 1}.csv`,
  );
  const parsed = input.oofCsv.map((text, r) =>
    parsePredictionsCsv(text, { file: join(out, files[r]!), ordinal }),
  );
  const pooledByRepeat = parsed.map((predictions) => computeMetrics(predictions, options));
  const pooled = pooledByRepeat[0]!;
  const metrics: CrossValidationMetrics = {
    pooled,
    folds: input.folds.map((fold) => fold.metrics),
    summary: summariseFolds(finished),
    ...(repeated ? { repeats: pooledByRepeat } : {}),
  };
  const predictions = parsed[0]!;
  const figures = await renderEvaluationFigures(predictions, pooled, undefined, options.pngScale);
  const contents = new Map<string, string | Uint8Array>();
  contents.set('oof-predictions.csv', input.oofCsv[0]!);
  if (repeated) {
    for (const [r, text] of input.oofCsv.entries()) contents.set(files[r]!, text);
  }
  contents.set('metrics.json', `${JSON.stringify(metrics, null, 2)}\n`);
  for (const figure of figures) {
    contents.set(`plots/${figure.name}.svg`, figure.svg);
    contents.set(`plots/${figure.name}.png`, figure.png);
  }
  contents.set(
    'report.html',
    reportHtml({
      title: input.title ?? 'ct-fracture cross-validation report',
      predictions,
      metrics: pooled,
      figures,
      config: input.config,
      dataset: input.dataset,
      notes: [...(input.notes ?? []), ...predictions.notes],
      generatedAt: input.generatedAt,
      crossValidation: {
        folds: input.folds,
        summary: metrics.summary,
        repeats: input.oofCsv.length,
      },
    }),
  );
  await writeReportFolder(out, contents);
  return { metrics, files: [...contents.keys()].sort() };
}
