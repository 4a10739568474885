import { Command } from 'commander';
import { UsageError } from '../cli-error';

/**
 * A subcommand of the CLI contract (DESIGN.md) whose package has not landed yet:
 * it is listed in `--help` and fails with exit code 2 when run.
 */
export function notImplementedCommand(name: string, summary: string, issue: number): Command {
  return new Command(name)
    .summary(summary)
    .description(`${summary}\n\nNot implemented yet (issue #${issue}).`)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      throw new UsageError(`'${name}' is not implemented yet (issue #${issue})`);
    });
}
