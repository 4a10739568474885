import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture explain`: Grad-CAM heatmaps as NIfTI and PNG overlays. */
export function explainCommand(_io: Io): Command {
  return notImplementedCommand('explain', 'Grad-CAM heatmaps as NIfTI and PNG overlays', 11);
}
