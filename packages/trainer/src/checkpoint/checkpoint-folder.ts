import { findPublishedFolder } from '@ct-fracture/core/node';

/**
 * The checkpoint folder to read for `target`: `target` itself, or — after a crash in the middle
 * of replacing it — the newest complete copy left beside it (`@ct-fracture/core/node`'s
 * `findPublishedFolder`); null when there is none.
 * @example
 * const last = await resolveFolder('runs/x/checkpoints/last');
 */
export async function resolveFolder(target: string): Promise<string | null> {
  return findPublishedFolder(target);
}
