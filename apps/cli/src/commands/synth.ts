import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture synth`: write synthetic phantom CT scans with known labels. */
export function synthCommand(_io: Io): Command {
  return notImplementedCommand('synth', 'write synthetic phantom CT scans with known labels', 5);
}
