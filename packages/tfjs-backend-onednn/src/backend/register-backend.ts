import '@tensorflow/tfjs-backend-cpu';
import {
  getKernel,
  getKernelsForBackend,
  registerBackend,
  registerKernel,
} from '@tensorflow/tfjs-core';
import { loadOneDnnAddon, type OneDnnStatus } from '../addon/load-addon';
import { OneDnnError } from '../errors/onednn-error';
import { nativeKernelConfigs } from '../kernels/native-kernels';
import { OneDnnBackend } from './onednn-backend';

/** The name the backend is registered under: `tf.setBackend('onednn')`. */
export const ONEDNN_BACKEND_NAME = 'onednn';

/**
 * The registration priority: below tfjs-backend-cpu's 1, so tfjs never picks
 * `onednn` by itself; callers choose it with `tf.setBackend('onednn')`.
 */
export const ONEDNN_BACKEND_PRIORITY = 0;

/** Names of the kernels the backend runs natively. */
export const nativeKernelNames: readonly string[] = nativeKernelConfigs.map((c) => c.kernelName);

const NATIVE = new Set(nativeKernelNames);

/**
 * Gives `onednn` every kernel registered for `cpu` that it lacks (cpu kernels
 * work unchanged on OneDnnBackend, which keeps the cpu backend's storage).
 * Runs at registration and again when the backend is created, so kernels
 * registered for `cpu` in between (e.g. a model's reference kernels) are seen.
 */
export function inheritCpuKernels(): void {
  for (const config of getKernelsForBackend('cpu')) {
    if (NATIVE.has(config.kernelName)) continue;
    if (getKernel(config.kernelName, ONEDNN_BACKEND_NAME) !== undefined) continue;
    registerKernel({ ...config, backendName: ONEDNN_BACKEND_NAME });
  }
}

let registered: OneDnnStatus | undefined;

/**
 * Registers the `onednn` backend with TensorFlow.js (idempotent). When the
 * native addon cannot be loaded, the backend is still registered but its
 * factory throws a OneDnnError saying why and what to install, so
 * `await tf.setBackend('onednn')` resolves to false and tfjs logs the reason.
 * @returns whether the addon is available, and if not, why and what to install.
 * @example
 * const status = registerOneDnnBackend();
 * if (status.available) await tf.setBackend('onednn');
 * else console.error(`${status.reason}; ${status.hint}`);
 */
export function registerOneDnnBackend(): OneDnnStatus {
  if (registered) return registered;
  const { addon, status } = loadOneDnnAddon();
  registered = status;
  if (addon === undefined) {
    const message = status.available
      ? ''
      : `the onednn backend is unavailable: ${status.reason}; ${status.hint}`;
    registerBackend(
      ONEDNN_BACKEND_NAME,
      () => {
        throw new OneDnnError({ code: 'addon-unavailable', message, where: ONEDNN_BACKEND_NAME });
      },
      ONEDNN_BACKEND_PRIORITY,
    );
    return status;
  }
  inheritCpuKernels();
  for (const config of nativeKernelConfigs) {
    if (getKernel(config.kernelName, ONEDNN_BACKEND_NAME) === undefined) registerKernel(config);
  }
  registerBackend(
    ONEDNN_BACKEND_NAME,
    () => {
      inheritCpuKernels();
      return new OneDnnBackend(addon);
    },
    ONEDNN_BACKEND_PRIORITY,
  );
  return status;
}
