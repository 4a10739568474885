import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture train`: train a 3D DenseNet (demo data when none is given). */
export function trainCommand(_io: Io): Command {
  return notImplementedCommand('train', 'train a 3D DenseNet (demo data when none is given)', 7);
}
