import { augmentVolume, isAugmentationActive } from '../augment/augment-volume';
import { TrainerError } from '../errors/trainer-error';
import { checkFiniteInput } from './check-finite-input';
import { PreprocessCache } from './preprocess-cache';
import { preprocessedScan } from './preprocessed-scan';
import type { PreparedSample, SampleRequest, SerializedError } from './sample-request';

const caches = new Map<string, PreprocessCache>();

function cacheFor(dir: string): PreprocessCache {
  let cache = caches.get(dir);
  if (!cache) {
    cache = new PreprocessCache(dir);
    caches.set(dir, cache);
  }
  return cache;
}

/**
 * Prepares one sample: the preprocessed volume (from the cache, or read + preprocessed and then
 * cached), then augmentation when requested. Runs in a worker thread or on the main thread.
 * @throws {TrainerError} `unreadable-scan` naming the file when it cannot be read or preprocessed.
 */
export async function prepareSample(request: SampleRequest): Promise<PreparedSample> {
  const started = performance.now();
  let volume: { data: Float32Array; shape: [number, number, number] };
  let cacheHit = false;
  let cacheWarning: string | undefined;
  try {
    const cache = request.cacheDir === null ? null : cacheFor(request.cacheDir);
    ({
      volume,
      hit: cacheHit,
      warning: cacheWarning,
    } = await preprocessedScan(request.file, request.preprocessing, cache));
    checkFiniteInput(volume.data, request.file);
  } catch (error) {
    if (TrainerError.isInstance(error) && (error as TrainerError).code === 'unreadable-scan') {
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrainerError({
      code: 'unreadable-scan',
      file: request.file,
      message: `the scan must be a readable NIfTI volume or DICOM series, got: ${reason.replace(`${request.file}: `, '')}`,
      cause: error,
    });
  }
  const loaded = performance.now();
  let data = volume.data;
  if (request.augmentation && isAugmentationActive(request.augmentation)) {
    data = augmentVolume(volume.data, volume.shape, request.augmentation, request.seed).data;
  }
  return {
    data,
    shape: volume.shape,
    cacheHit,
    ...(cacheWarning === undefined ? {} : { cacheWarning }),
    loadMs: loaded - started,
    augmentMs: performance.now() - loaded,
  };
}

/** An error as plain data, for `postMessage`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const fields = error as Error & { code?: unknown; file?: unknown };
    return {
      name: error.name,
      code: typeof fields.code === 'string' ? fields.code : undefined,
      message: error.message,
      file: typeof fields.file === 'string' ? fields.file : undefined,
    };
  }
  return { name: 'Error', code: undefined, message: String(error), file: undefined };
}

/** The error a worker reported, rebuilt on the main thread (ct-fracture errors stay typed). */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'TrainerError' && error.code === 'unreadable-scan' && error.file) {
    const prefix = `${error.file}: `;
    return new TrainerError({
      code: 'unreadable-scan',
      file: error.file,
      message: error.message.startsWith(prefix)
        ? error.message.slice(prefix.length)
        : error.message,
    });
  }
  return new TrainerError({
    code: 'worker',
    file: error.file,
    message: `a data worker failed: ${error.message}`,
  });
}
