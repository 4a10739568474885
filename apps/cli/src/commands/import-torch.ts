import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture import-torch`: import a PyTorch/MONAI state_dict (.pth). */
export function importTorchCommand(_io: Io): Command {
  return notImplementedCommand('import-torch', 'import a PyTorch/MONAI state_dict (.pth)', 6);
}
