import type { NativeInfo } from '../addon/addon-types';
import { loadOneDnnAddon, type OneDnnStatus } from '../addon/load-addon';
import { OneDnnError } from '../errors/onednn-error';

function requireAddon(where: string) {
  const { addon, status } = loadOneDnnAddon();
  if (addon === undefined) {
    const detail = status.available ? '' : `${status.reason}; ${status.hint}`;
    throw new OneDnnError({
      code: 'addon-unavailable',
      message: `${where} needs the native addon: ${detail}`,
      where,
    });
  }
  return addon;
}

/**
 * Whether the native addon is available (loading it on first call; never
 * throws), with fresh native figures (threads, cache) when it is.
 * @example
 * const s = oneDnnStatus(); console.log(s.available ? s.info.onednnVersion : s.hint);
 */
export function oneDnnStatus(): OneDnnStatus {
  const { addon, status } = loadOneDnnAddon();
  if (addon === undefined || !status.available) return status;
  return { ...status, info: addon.info() };
}

/**
 * Sets the number of threads the native kernels use (OpenMP). The default is
 * every core, or `CTF_ONEDNN_THREADS` when set.
 * @param threads - a positive integer.
 * @returns the thread count now in effect.
 * @throws {OneDnnError} `invalid-option` for a non-positive or fractional count, `addon-unavailable` without the addon.
 * @example
 * setOneDnnThreads(2);
 */
export function setOneDnnThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new OneDnnError({
      code: 'invalid-option',
      message: `threads must be a positive integer, got ${threads} (setOneDnnThreads)`,
      where: 'threads',
      value: threads,
    });
  }
  return requireAddon('setOneDnnThreads').setThreads(threads);
}

/**
 * Empties the primitive cache and frees the native scratch buffers (they are
 * re-created on demand), e.g. after switching to very different input sizes.
 * @throws {OneDnnError} `addon-unavailable` without the addon.
 */
export function clearOneDnnCache(): void {
  requireAddon('clearOneDnnCache').clearCache();
}

/**
 * Sets how many oneDNN primitives the LRU cache keeps (default 1024, or
 * `CTF_ONEDNN_CACHE_CAPACITY`).
 * @throws {OneDnnError} `invalid-option` for a non-positive count, `addon-unavailable` without the addon.
 */
export function setOneDnnCacheCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new OneDnnError({
      code: 'invalid-option',
      message: `cache capacity must be a positive integer, got ${capacity} (setOneDnnCacheCapacity)`,
      where: 'capacity',
      value: capacity,
    });
  }
  requireAddon('setOneDnnCacheCapacity').setCacheCapacity(capacity);
}

export type { NativeInfo };
