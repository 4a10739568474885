import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture validate`: validate a checkpoint: metrics, plots, report.html. */
export function validateCommand(_io: Io): Command {
  return notImplementedCommand('validate', 'validate a checkpoint: metrics, plots, report.html', 8);
}
