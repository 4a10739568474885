import { Command, CommanderError } from 'commander';
import { EXIT } from './cli-error';
import { notImplementedCommand } from './commands/not-implemented';
import { type Io, runAction } from './run-action';

const VERSION = '0.0.0';

/** The subcommands of DESIGN.md's CLI contract, in the order `--help` lists them. */
function commands(): Command[] {
  return [
    notImplementedCommand('synth', 'write synthetic phantom CT scans with known labels', 5),
    notImplementedCommand('inspect', 'print a NIfTI header, geometry and intensity stats', 3),
    notImplementedCommand('labels', 'check label CSVs against scans (labels check)', 4),
    notImplementedCommand('train', 'train a 3D DenseNet (demo data when none is given)', 7),
    notImplementedCommand('validate', 'validate a checkpoint: metrics, plots, report.html', 8),
    notImplementedCommand('predict', 'classify scans with a checkpoint', 6),
    notImplementedCommand('metrics', 'compute metrics for a predictions.csv', 8),
    notImplementedCommand('explain', 'Grad-CAM heatmaps as NIfTI and PNG overlays', 11),
    notImplementedCommand('import-torch', 'import a PyTorch/MONAI state_dict (.pth)', 6),
    notImplementedCommand('bench', 'time DenseNet121 training and inference on a backend', 9),
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
  for (const command of commands()) {
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
