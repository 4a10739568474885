import type { PageExplanation } from '../explain/explain-task';
import { byTestId } from './dom';

/**
 * Shows a Grad-CAM result: `[data-testid=gradcam]` with its task, class, layer and maximum (as
 * data attributes and a sentence), the download link of its NIfTI and where NiiVue's crosshair is.
 * @param downloadUrl - an object URL of `result.nifti`.
 * @param crosshairMm - NiiVue's crosshair (RAS mm), when the scan is displayed.
 */
export function renderExplanation(
  result: PageExplanation,
  downloadUrl: string,
  crosshairMm: readonly number[] | undefined,
): void {
  const { gradCam, maximum } = result.explanation;
  const link = byTestId<HTMLAnchorElement>('heatmap-download');
  link.href = downloadUrl;
  link.download = result.fileName;
  link.textContent = `Download ${result.fileName}`;
  const panel = byTestId('gradcam');
  panel.hidden = false;
  panel.dataset.task = gradCam.task;
  panel.dataset.class = gradCam.className;
  panel.dataset.layer = gradCam.layer;
  panel.dataset.maxVoxel = JSON.stringify(maximum.voxel);
  panel.dataset.maxWorldMm = JSON.stringify(maximum.worldMm);
  const where = maximum.worldMm.map((value) => value.toFixed(1)).join(', ');
  const probability = gradCam.probabilities[gradCam.classIndex]!.toFixed(3);
  byTestId('gradcam-summary').textContent =
    `${gradCam.task} = ${gradCam.className} (p = ${probability}), ${gradCam.layer} ` +
    `(${gradCam.layerShape.join('×')}); maximum at voxel [${maximum.voxel.join(', ')}] = (${where}) mm RAS`;
  if (crosshairMm !== undefined) {
    const crosshair = byTestId('crosshair');
    crosshair.dataset.mm = JSON.stringify(crosshairMm);
    crosshair.textContent = `crosshair (${crosshairMm.map((value) => value.toFixed(1)).join(', ')}) mm`;
  }
}
