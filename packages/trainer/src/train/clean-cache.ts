import { removeTemporaries } from '@ct-fracture/core/node';

/**
 * Deletes what killed processes left in a preprocessing cache: temporary entries whose writer
 * (the PID in the name) is gone. Entries being written by a live process are kept. Best effort:
 * the cache is an optimisation, so a folder that cannot be read or changed is left as it is.
 * Call it before this process writes into the cache.
 */
export async function cleanPreprocessCache(dir: string): Promise<void> {
  await removeTemporaries(dir, { recursive: true, onlyDeadWriters: true }).catch(() => undefined);
}
