import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture predict`: classify scans with a checkpoint. */
export function predictCommand(_io: Io): Command {
  return notImplementedCommand('predict', 'classify scans with a checkpoint', 6);
}
