import type { CheckpointPreprocessing } from '@ct-fracture/densenet3d';
import { preprocessForCheckpoint } from '@ct-fracture/densenet3d/node';
import type { Volume } from '@ct-fracture/nifti-io';

/**
 * The scan as the checkpoint's model sees it — the recipe `predict`, `validate` and `explain`
 * apply in Node (reorient → respace → window → resize, as `ct-fracture.json` says).
 */
export function preprocessScan(scan: Volume, preprocessing: CheckpointPreprocessing): Volume {
  return preprocessForCheckpoint(scan, preprocessing);
}
