import type { ExtraFigure } from '../report/report-html';
import type { ScanExplanation } from './explain-scan';

/**
 * Report figures (for `writeEvaluation`'s `extraFigures`) from explanations: one per scan,
 * titled with the scan, task and class, captioned with the probability, method, layer and the
 * maximum's world position.
 * @example
 * ```ts
 * await writeEvaluation('out', { predictions, extraFigures: gradCamReportFigures(explained) });
 * ```
 */
export function gradCamReportFigures(explanations: readonly ScanExplanation[]): ExtraFigure[] {
  return explanations.map(({ summary, mosaic }) => ({
    title: `Grad-CAM: ${summary.scan}, ${summary.task} = ${summary.class}`,
    caption: `p(${summary.class}) = ${summary.probability.toFixed(3)}; ${summary.method} on ${summary.layer}; maximum at (${summary.maxWorldMm.join(', ')}) mm RAS, voxel [${summary.maxVoxel.join(', ')}]. CT in a bone window; heat semi-transparent where non-zero.`,
    png: mosaic.png,
  }));
}
