import type { Command } from 'commander';
import type { Io } from '../run-action';
import { notImplementedCommand } from './not-implemented';

/** `ct-fracture inspect`: print a NIfTI header, geometry and intensity stats. */
export function inspectCommand(_io: Io): Command {
  return notImplementedCommand('inspect', 'print a NIfTI header, geometry and intensity stats', 3);
}
