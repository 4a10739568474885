import { defaultGradCamLayer } from '@ct-fracture/densenet3d';
import { DicomError } from '@ct-fracture/dicom-io';
import { preprocessVolume, type Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendChoice, selectBackend } from '../backend/select-backend';
import {
  type OpenedCheckpoint,
  openCheckpointFiles,
  openCheckpointUrl,
} from '../checkpoint/open-checkpoint';
import type { ScanDisplay } from '../display/scan-display';
import { explainTask } from '../explain/explain-task';
import { predictTasks, type TaskPrediction } from '../predict/predict-tasks';
import { classifyFiles } from '../scan/classify-files';
import { listSeries, type OpenedScan, readDicomFiles, readNiftiFile } from '../scan/read-scan';
import { byTestId, fillSelect } from '../ui/dom';
import { renderCheckpoint } from '../ui/render-checkpoint';
import { renderExplanation } from '../ui/render-explanation';
import { renderPredictions } from '../ui/render-predictions';
import { offerSeries } from '../ui/series-choice';
import { showProgress, showStatus } from '../ui/status';
import { Timings } from '../ui/timings';
import { errorMessage } from './error-message';
import type { PickedFile } from './picked-files';
import { ViewerError } from './viewer-error';

const PREDICTED = '';
const DEFAULT_LAYER = '';

/**
 * The page's logic: opens checkpoints and scans, predicts every task when both are there, runs
 * Grad-CAM on request and shows each result; one operation at a time, and a failure leaves the
 * page working with what it had.
 */
export class ViewerApp {
  private checkpoint: OpenedCheckpoint | undefined;
  private scan: OpenedScan | undefined;
  private predictions: TaskPrediction[] = [];
  private queue: Promise<void> = Promise.resolve();
  private downloadUrl: string | undefined;
  readonly timings = new Timings();

  constructor(
    private readonly backend: BackendChoice,
    private readonly display: ScanDisplay | undefined,
  ) {}

  /** Starts with the backend chosen; `?backend=` forces one. */
  static async start(
    display: ScanDisplay | undefined,
    requested: string | null,
  ): Promise<ViewerApp> {
    const backend = await selectBackend(requested);
    const label = byTestId('backend');
    label.textContent = backend.backend;
    label.dataset.backend = backend.backend;
    label.title = backend.skipped.map((entry) => `${entry.backend}: ${entry.reason}`).join('\n');
    return new ViewerApp(backend, display);
  }

  /** Runs operations one after another; a failure shows its message and the page goes on. */
  private enqueue(what: string, operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue
      .then(operation)
      .catch((error: unknown) => {
        showStatus('error', errorMessage(what, error));
      })
      .finally(() => {
        // Operations finished, and the tensors held after each (the model's weights): tests
        // wait for the next operation and check that the count stays flat.
        const { dataset } = document.body;
        dataset.operations = String(Number(dataset.operations ?? 0) + 1);
        dataset.tensors = String(tf.memory().numTensors);
      });
    return this.queue;
  }

  /** Opens what was chosen or dropped: a checkpoint folder, a NIfTI file or a DICOM series. */
  openFiles(files: readonly PickedFile[], expected?: 'checkpoint' | 'scan'): Promise<void> {
    const kind = classifyFiles(files.map(({ path }) => path));
    if (expected === 'checkpoint' || kind === 'checkpoint') {
      const folder = files[0]?.path.split('/')[0] ?? 'folder';
      return this.openCheckpoint(`Could not open the checkpoint '${folder}'`, folder, () =>
        openCheckpointFiles(files, folder),
      );
    }
    if (kind === 'unknown') {
      return this.enqueue('Could not open what was dropped', async () => {
        throw new ViewerError(
          'unknown-files',
          `expected a checkpoint folder, one .nii/.nii.gz file or a DICOM series folder; got ${files.length} files (${files
            .slice(0, 4)
            .map(({ path }) => path)
            .join(', ')}${files.length > 4 ? ', …' : ''})`,
        );
      });
    }
    const name = files.length === 1 ? files[0]!.path : (files[0]?.path.split('/')[0] ?? 'series');
    if (kind === 'nifti') return this.openScan(name, () => readNiftiFile(files[0]!));
    return this.openSeries(name, files);
  }

  /**
   * Opens a DICOM folder; where it holds several series, lists them in
   * `[data-testid=series-select]` and opens the one chosen there.
   */
  private openSeries(name: string, files: readonly PickedFile[], series?: string): Promise<void> {
    return this.openScan(name, async () => {
      try {
        return await readDicomFiles(files, series);
      } catch (error) {
        if (!(DicomError.isInstance(error) && error.code === 'several-series')) throw error;
        const found = await listSeries(files);
        offerSeries(name, found, (uid) => void this.openSeries(name, files, uid));
        throw new ViewerError(
          'scan-refused',
          `${name} holds ${found.length} DICOM series: choose one in the list under Open`,
        );
      }
    });
  }

  /** Opens a checkpoint served over HTTP. */
  openUrl(url: string): Promise<void> {
    return this.openCheckpoint(`Could not open the checkpoint ${url}`, url, () =>
      openCheckpointUrl(url),
    );
  }

  private openCheckpoint(
    what: string,
    name: string,
    open: () => Promise<OpenedCheckpoint>,
  ): Promise<void> {
    return this.enqueue(what, async () => {
      showStatus('loading', `Opening checkpoint ${name}…`);
      const opened = await this.timings.time('open checkpoint', open);
      this.checkpoint?.model.dispose();
      this.checkpoint = opened;
      byTestId('checkpoint-info').hidden = false;
      byTestId('checkpoint-summary').replaceChildren(
        renderCheckpoint(opened.metadata, opened.source),
      );
      this.fillExplainControls();
      await this.predictIfReady();
    });
  }

  private openScan(name: string, read: () => Promise<OpenedScan>): Promise<void> {
    return this.enqueue(`Could not open the scan '${name}'`, async () => {
      showStatus('loading', `Reading ${name}…`);
      const scan = await this.timings.time('read scan', read);
      this.scan = scan;
      this.showScanSummary(scan);
      if (this.display)
        await this.timings.time('display scan', () =>
          this.display!.showScan(scan.volume, scan.name),
        );
      byTestId('canvas-empty').hidden = this.display !== undefined;
      byTestId('gradcam').hidden = true;
      await this.predictIfReady();
    });
  }

  private showScanSummary(scan: OpenedScan): void {
    const { shape, spacingMm } = scan.volume;
    byTestId('scan-info').hidden = false;
    byTestId('scan-summary').textContent =
      `${scan.name} — ${scan.format}, ${shape.join(' × ')} voxels, ` +
      `${spacingMm.map((value) => value.toFixed(2)).join(' × ')} mm` +
      (scan.warnings.length > 0 ? ` (warning: ${scan.warnings.join('; ')})` : '');
  }

  private async predictIfReady(): Promise<void> {
    const { checkpoint, scan } = this;
    if (!checkpoint || !scan) {
      showStatus(
        'idle',
        checkpoint ? 'Checkpoint opened: now open a scan.' : 'Scan opened: now open a checkpoint.',
      );
      return;
    }
    const tasks = checkpoint.model.config.heads.length;
    showStatus('running', `Preprocessing ${scan.name} as the checkpoint says…`);
    showProgress(0, 2);
    await nextFrame();
    const input: Volume = await this.timings.time('preprocess', () =>
      preprocessVolume(scan.volume, checkpoint.metadata.preprocessing),
    );
    showStatus('running', `Predicting ${tasks} tasks on ${this.backend.backend}…`);
    showProgress(1, 2);
    await nextFrame();
    this.predictions = await this.timings.time('predict', () =>
      predictTasks(checkpoint.model, checkpoint.metadata, input),
    );
    showProgress(2, 2);
    byTestId('predictions').hidden = false;
    byTestId('prediction-list').replaceChildren(...renderPredictions(this.predictions));
    byTestId('explain-panel').hidden = false;
    this.fillClassSelect();
    showStatus('ready', `${tasks} tasks predicted on ${this.backend.backend}.`);
  }

  private fillExplainControls(): void {
    const { model } = this.checkpoint!;
    fillSelect(
      byTestId<HTMLSelectElement>('explain-task'),
      model.config.heads.map((head) => [head.task, head.task] as const),
    );
    const fallback = defaultGradCamLayer(model.config.body);
    fillSelect(byTestId<HTMLSelectElement>('explain-layer'), [
      [DEFAULT_LAYER, `${fallback} (default)`],
      ...model.stageNames.filter((name) => name !== fallback).map((name) => [name, name] as const),
    ]);
    this.fillClassSelect();
  }

  /** The class choices of the selected task: the predicted class (the CLI's default) first. */
  fillClassSelect(): void {
    if (!this.checkpoint) return;
    const task = byTestId<HTMLSelectElement>('explain-task').value;
    const head = this.checkpoint.model.config.heads.find((candidate) => candidate.task === task);
    const predicted = this.predictions.find((prediction) => prediction.task === task)?.pred;
    fillSelect(byTestId<HTMLSelectElement>('explain-class'), [
      [PREDICTED, predicted ? `${predicted} (predicted)` : 'predicted class'],
      ...(head?.classes ?? []).map((name) => [name, name] as const),
    ]);
  }

  /** Runs Grad-CAM for the task, class and layer chosen in the page. */
  explain(): Promise<void> {
    return this.enqueue('Grad-CAM failed', async () => {
      const { checkpoint, scan } = this;
      if (!checkpoint || !scan)
        throw new ViewerError('unknown-files', 'open a checkpoint and a scan first');
      const task = byTestId<HTMLSelectElement>('explain-task').value;
      const className = byTestId<HTMLSelectElement>('explain-class').value || undefined;
      const layer = byTestId<HTMLSelectElement>('explain-layer').value || undefined;
      showStatus('running', `Grad-CAM of ${task} on ${this.backend.backend}…`);
      await nextFrame();
      const result = await this.timings.time('Grad-CAM', () =>
        explainTask(checkpoint.model, checkpoint.metadata, scan.volume, scan.name, {
          task,
          className,
          layer,
        }),
      );
      const { gradCam, maximum } = result.explanation;
      let crosshairMm: number[] | undefined;
      if (this.display) {
        crosshairMm = await this.timings.time('display heatmap', () =>
          this.display!.showHeatmap(result.explanation.scanHeatmap, maximum.worldMm),
        );
      }
      if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
      this.downloadUrl = URL.createObjectURL(
        new Blob([result.nifti as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
      );
      renderExplanation(result, this.downloadUrl, crosshairMm);
      showStatus(
        'ready',
        `Grad-CAM of ${gradCam.task} = ${gradCam.className} on ${this.backend.backend}.`,
      );
    });
  }
}

/** Lets the page paint the status before a long synchronous step. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
