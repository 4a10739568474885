import * as tf from '@tensorflow/tfjs-core';
import { ViewerError } from '../app/viewer-error';
import { patchWebglPad5d } from './webgl-pad-5d';

/** The TensorFlow.js backends the viewer can run on, fastest first. */
export const VIEWER_BACKENDS = ['webgpu', 'webgl', 'cpu'] as const;
export type ViewerBackend = (typeof VIEWER_BACKENDS)[number];

/** The backend chosen, and why the faster ones were passed over. */
export interface BackendChoice {
  backend: ViewerBackend;
  skipped: { backend: ViewerBackend; reason: string }[];
}

/** Why a backend cannot run here, or undefined when it can be tried. */
async function unavailable(backend: ViewerBackend): Promise<string | undefined> {
  if (backend === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (gpu === undefined) return 'this browser has no WebGPU';
    const adapter = await gpu.requestAdapter().catch(() => null);
    return adapter === null ? 'no WebGPU adapter' : undefined;
  }
  if (backend === 'webgl') {
    const context = document.createElement('canvas').getContext('webgl2');
    return context === null ? 'no WebGL2 context' : undefined;
  }
  return undefined;
}

/**
 * Picks the TensorFlow.js backend: `requested` alone when given (`?backend=cpu`), else the
 * first of webgpu, webgl, cpu that initialises.
 * @throws ViewerError `no-backend` when a requested backend cannot run here.
 */
export async function selectBackend(requested: string | null): Promise<BackendChoice> {
  if (requested !== null && !(VIEWER_BACKENDS as readonly string[]).includes(requested)) {
    throw new ViewerError(
      'no-backend',
      `?backend= must be one of ${VIEWER_BACKENDS.join(', ')}, got '${requested}'`,
    );
  }
  const candidates = requested === null ? VIEWER_BACKENDS : [requested as ViewerBackend];
  const skipped: BackendChoice['skipped'] = [];
  for (const backend of candidates) {
    const reason = await unavailable(backend);
    if (backend === 'webgl') patchWebglPad5d();
    if (reason === undefined && (await tf.setBackend(backend))) {
      await tf.ready();
      return { backend, skipped };
    }
    skipped.push({ backend, reason: reason ?? 'failed to initialise' });
  }
  const why = skipped.map((entry) => `${entry.backend}: ${entry.reason}`).join('; ');
  throw new ViewerError('no-backend', `no TensorFlow.js backend could start (${why})`);
}
