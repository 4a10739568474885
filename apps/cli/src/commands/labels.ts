import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture labels`: check label CSVs against scans (labels check). */
export function labelsCommand(_io: Io): Command {
  return notImplementedCommand('labels', 'check label CSVs against scans (labels check)', 4);
}
