import { Command, CommanderError } from 'commander';
import { EXIT } from './cli-error';
import { benchCommand } from './commands/bench';
import { explainCommand } from './commands/explain';
import { importTorchCommand } from './commands/import-torch';
import { inspectCommand } from './commands/inspect';
import { labelsCommand } from './commands/labels';
import { metricsCommand } from './commands/metrics';
import { predictCommand } from './commands/predict';
import { synthCommand } from './commands/synth';
import { trainCommand } from './commands/train';
import { validateCommand } from './commands/validate';
import { type Io, runAction } from './run-action';

const VERSION = '0.0.0';

/** The subcommands of DESIGN.md's CLI contract, in the order `--help` lists them. */
function commands(io: Io): Command[] {
  return [
    synthCommand(io),
    inspectCommand(io),
    labelsCommand(io),
    trainCommand(io),
    validateCommand(io),
    predictCommand(io),
    metricsCommand(io),
    explainCommand(io),
    importTorchCommand(io),
    benchCommand(io),
  ];
}

/**
 * Runs the ct-fracture command line.
 * @param argv - `process.argv`-style: node, script, then arguments.
 * @returns the exit code (0 ok, 1 input/data error, 2 usage error).
 */
export async function main(argv: readonly string[], io?: Io): Promise<number> {
  const streams: Io = io ?? {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
  const program = new Command('ct-fracture')
    .description('Train, validate and explain a 3D DenseNet for proximal humerus fractures on CT.')
    .version(VERSION)
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: streams.out, writeErr: streams.err });
  for (const command of commands(streams)) {
    command.exitOverride().configureOutput({ writeOut: streams.out, writeErr: streams.err });
    program.addCommand(command);
  }
  const debug = argv.includes('--debug');
  return runAction(streams, debug, async () => {
    try {
      await program.parseAsync([...argv]);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof CommanderError) {
        // Commander has already printed help/usage text for these.
        if (error.exitCode === 0) return EXIT.ok;
        return EXIT.usage;
      }
      throw error;
    }
  });
}
