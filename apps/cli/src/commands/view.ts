import { Command, Option } from 'commander';
import { CliInputError, UsageError } from '../cli-error';
import type { Io } from '../run-action';
import { checkCheckpointFolder } from '../view/check-checkpoint-folder';
import { addressUrl, listen } from '../view/listen';
import { locateViewer } from '../view/locate-viewer';
import { serveUntilSignal } from '../view/serve-until-signal';
import { createViewServer } from '../view/view-server';

/** The port `ct-fracture view` listens on unless `--port` says otherwise. */
export const DEFAULT_VIEW_PORT = 8765;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `--port must be an integer in 0‥65535 (0 = any free port), got '${value}'`,
    );
  }
  return port;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/**
 * `ct-fracture view [--checkpoint DIR] [--port N] [--host H]`: serves the built viewer (and a
 * checkpoint folder, read-only) on 127.0.0.1, prints the page's URL on stdout and runs until
 * Ctrl-C. The scan opened in the page never leaves the browser.
 */
export function viewCommand(io: Io): Command {
  return new Command('view')
    .summary('open checkpoints and scans in the browser viewer (nothing uploaded)')
    .description(
      'Serve the ct-fracture viewer: a page that opens a checkpoint and a scan (.nii, .nii.gz or ' +
        'a DICOM series folder), predicts every task and overlays Grad-CAM on the scan in a 3D ' +
        'viewer, computing in the browser (TensorFlow.js webgpu, webgl or cpu) — the scan never ' +
        'leaves the machine. With --checkpoint the page opens that folder at start; the server ' +
        'serves only the viewer and that folder, read-only, on 127.0.0.1 unless --host says ' +
        'otherwise. Prints the URL on stdout; runs until Ctrl-C.',
    )
    .option(
      '--checkpoint <dir>',
      'checkpoint folder to open (model.json, weights.bin, ct-fracture.json)',
    )
    .addOption(
      new Option('--port <n>', 'TCP port (0 = any free port)')
        .default(DEFAULT_VIEW_PORT)
        .argParser(parsePort),
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (flags: { checkpoint?: string; port: number; host: string }) => {
      if (flags.checkpoint !== undefined) await checkCheckpointFolder(flags.checkpoint);
      const viewerDir = locateViewer();
      if (viewerDir === undefined) {
        throw new CliInputError(
          'the viewer is not built: run `pnpm turbo run build --filter @ct-fracture/cli` at the repository root',
        );
      }
      const server = createViewServer({ viewerDir, checkpointDir: flags.checkpoint });
      const address = await listen(server, flags.port, flags.host);
      if (!LOOPBACK.test(flags.host)) {
        io.err(
          `warning: listening on ${flags.host}: other machines on the network can open the viewer${flags.checkpoint === undefined ? '' : ' and download the checkpoint'}\n`,
        );
      }
      io.out(`${addressUrl(address)}\n`);
      io.err('serving the viewer; Ctrl-C stops it\n');
      await serveUntilSignal(server);
    });
}
