import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture metrics`: compute metrics for a predictions.csv. */
export function metricsCommand(_io: Io): Command {
  return notImplementedCommand('metrics', 'compute metrics for a predictions.csv', 8);
}
