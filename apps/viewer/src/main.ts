import './styles.css';
import './backend/register-backends';
import { errorMessage } from './app/error-message';
import { droppedFiles, inputFiles } from './app/picked-files';
import { ViewerApp } from './app/viewer-app';
import { ScanDisplay } from './display/scan-display';
import type { WindowPreset } from './display/window-presets';
import { byTestId } from './ui/dom';
import { showStatus } from './ui/status';

/** NiiVue needs WebGL2; without it the page still predicts and explains (no 3D view). */
async function attachDisplay(): Promise<ScanDisplay | undefined> {
  const canvas = byTestId<HTMLCanvasElement>('niivue');
  if (canvas.getContext('webgl2') === null) {
    byTestId('canvas-empty').textContent =
      'This browser gives no WebGL2 context, so the scan cannot be shown here; predictions and Grad-CAM still work.';
    return undefined;
  }
  return ScanDisplay.attach(canvas);
}

function wire(app: ViewerApp, display: ScanDisplay | undefined): void {
  const checkpointInput = byTestId<HTMLInputElement>('checkpoint-input');
  checkpointInput.addEventListener('change', () => {
    void app.openFiles(inputFiles(checkpointInput), 'checkpoint').then(() => {
      checkpointInput.value = '';
    });
  });
  for (const id of ['scan-input', 'scan-folder-input']) {
    const input = byTestId<HTMLInputElement>(id);
    input.addEventListener('change', () => {
      void app.openFiles(inputFiles(input), 'scan').then(() => {
        input.value = '';
      });
    });
  }
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dragging');
    if (event.dataTransfer)
      void droppedFiles(event.dataTransfer).then((files) => app.openFiles(files));
  });
  byTestId('explain-task').addEventListener('change', () => app.fillClassSelect());
  byTestId('explain-button').addEventListener('click', () => void app.explain());
  const opacity = byTestId<HTMLInputElement>('opacity');
  opacity.addEventListener('input', () => display?.setOpacity(Number(opacity.value)));
  const presets: Record<string, WindowPreset> = {
    'window-bone': 'bone',
    'window-soft-tissue': 'soft-tissue',
  };
  for (const [id, preset] of Object.entries(presets)) {
    byTestId(id).addEventListener('click', () => {
      display?.setWindow(preset);
      for (const other of Object.keys(presets)) {
        byTestId(other).setAttribute('aria-pressed', String(other === id));
      }
    });
  }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const display = await attachDisplay();
  const app = await ViewerApp.start(display, params.get('backend'));
  wire(app, display);
  const served = document.querySelector<HTMLMetaElement>('meta[name="ct-fracture-checkpoint"]');
  const checkpoint = params.get('checkpoint') ?? (served?.content || null);
  if (checkpoint !== null) await app.openUrl(checkpoint);
  document.body.dataset.started = 'true';
}

main().catch((error: unknown) => {
  showStatus('error', errorMessage('The viewer could not start', error));
});
