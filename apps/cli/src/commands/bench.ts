import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture bench`: time DenseNet121 training and inference on a backend. */
export function benchCommand(_io: Io): Command {
  return notImplementedCommand('bench', 'time DenseNet121 training and inference on a backend', 9);
}
