import { Command, CommanderError } from 'commander';
import { version as VERSION } from '../package.json';
import { EXIT } from './cli-error';
import { type Io, runAction } from './run-action';

type CommandFactory = (io: Io) => Command;

/**
 * The subcommands of DESIGN.md's CLI contract, in the order `--help` lists them. Each module
 * is loaded only when its command runs (or its `--help` is asked for), so a command pays for
 * the packages it uses and not for TensorFlow.js, vega and the rest. The summaries here are
 * the commands' own (a test keeps them equal).
 */
export const COMMANDS: readonly {
  name: string;
  summary: string;
  load: () => Promise<CommandFactory>;
}[] = [
  {
    name: 'synth',
    summary: 'write synthetic phantom CT scans with known labels',
    load: async () => (await import('./commands/synth')).synthCommand,
  },
  {
    name: 'inspect',
    summary: 'print a scan’s header, geometry and intensity stats (NIfTI or DICOM series)',
    load: async () => (await import('./commands/inspect')).inspectCommand,
  },
  {
    name: 'convert',
    summary: 'convert a DICOM series (or a NIfTI) to NIfTI-1',
    load: async () => (await import('./commands/convert')).convertCommand,
  },
  {
    name: 'labels',
    summary: 'check label CSVs against scans (labels check)',
    load: async () => (await import('./commands/labels')).labelsCommand,
  },
  {
    name: 'train',
    summary: 'train a 3D DenseNet on CT scans (original layout)',
    load: async () => (await import('./commands/train')).trainCommand,
  },
  {
    name: 'validate',
    summary: 'validate a checkpoint: metrics, plots, report.html',
    load: async () => (await import('./commands/validate')).validateCommand,
  },
  {
    name: 'cv',
    summary: 'k-fold cross-validation, locally or as a Slurm job array',
    load: async () => (await import('./commands/cv')).cvCommand,
  },
  {
    name: 'cv-fold',
    summary: 'train and report one fold of a cross-validation (Slurm array task)',
    load: async () => (await import('./commands/cv-fold')).cvFoldCommand,
  },
  {
    name: 'predict',
    summary: 'classify scans with a checkpoint',
    load: async () => (await import('./commands/predict')).predictCommand,
  },
  {
    name: 'metrics',
    summary: 'compute metrics for a predictions.csv',
    load: async () => (await import('./commands/metrics')).metricsCommand,
  },
  {
    name: 'explain',
    summary: 'Grad-CAM heatmaps as NIfTI and PNG overlays',
    load: async () => (await import('./commands/explain')).explainCommand,
  },
  {
    name: 'import-torch',
    summary: 'import a PyTorch/MONAI state_dict (.pth) as a checkpoint',
    load: async () => (await import('./commands/import-torch')).importTorchCommand,
  },
  {
    name: 'view',
    summary: 'open checkpoints and scans in the browser viewer (nothing uploaded)',
    load: async () => (await import('./commands/view')).viewCommand,
  },
  {
    name: 'bench',
    summary: 'time DenseNet121 training and inference on a backend',
    load: async () => (await import('./commands/bench')).benchCommand,
  },
];

/** The subcommand named in argv (the first argument that is not an option), if any. */
function requestedCommand(argv: readonly string[]): string | undefined {
  const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (first === 'help') {
    const next = argv.slice(2).filter((arg) => !arg.startsWith('-'))[1];
    return next;
  }
  return first;
}

/** Builds the commands: the requested one for real, the others as `--help` entries. */
async function commands(io: Io, argv: readonly string[]): Promise<Command[]> {
  const requested = requestedCommand(argv);
  const result: Command[] = [];
  for (const entry of COMMANDS) {
    if (entry.name === requested) result.push((await entry.load())(io));
    else result.push(new Command(entry.name).summary(entry.summary));
  }
  return result;
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
  for (const command of await commands(streams, argv)) {
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
