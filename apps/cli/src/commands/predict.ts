import { predictVolume, type TaskPrediction } from '@ct-fracture/densenet3d';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import { calibrationLines } from '@ct-fracture/eval';
import { preprocessedScan } from '@ct-fracture/trainer';
import { Command, Option } from 'commander';
import { BACKEND_CHOICES, setUpBackend } from '../backend';
import type { Io } from '../run-action';

/** `ct-fracture predict --checkpoint DIR FILE… [--json]`: classify scans with a checkpoint. */
export function predictCommand(io: Io): Command {
  return new Command('predict')
    .summary('classify scans with a checkpoint')
    .description(
      'Classify scans (NIfTI files or DICOM series folders) with a checkpoint folder: each scan is preprocessed as the checkpoint ' +
        'says (window, reorientation, spacing, resize) and every task head predicts. Binary tasks ' +
        'are thresholded at the checkpoint’s operating point (else 0.5), multiclass tasks by ' +
        'arg-max; probabilities are temperature-scaled when the checkpoint carries a calibration ' +
        '(--no-calibration: the raw ones; the classes do not change).\n\nWith --json, one JSON document: ' +
        '{"predictions":[{"file","tasks":{"<task>":{"pred","probs":{"<class>":p,…},"logits":[…]}}}]}.',
    )
    .requiredOption(
      '--checkpoint <dir>',
      'checkpoint folder (model.json, weights.bin, ct-fracture.json)',
    )
    .argument('<files...>', '.nii or .nii.gz scans, or DICOM series folders')
    .option('--series <uid>', 'SeriesInstanceUID to read where a folder holds several series')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-calibration', 'report raw probabilities (temperatures not applied)')
    .addOption(
      new Option('--backend <name>', 'compute backend').choices(BACKEND_CHOICES).default('auto'),
    )
    .action(
      async (
        files: string[],
        flags: {
          checkpoint: string;
          json?: boolean;
          backend: string;
          calibration: boolean;
          series?: string;
        },
      ) => {
        await setUpBackend(flags.backend, io);
        const { model, metadata } = await loadCheckpoint(flags.checkpoint);
        for (const line of calibrationLines(metadata, flags.calibration)) io.err(`${line}\n`);
        const predictions: Array<{ file: string; tasks: Record<string, TaskPrediction> }> = [];
        try {
          for (const file of files) {
            const { volume } = await preprocessedScan(file, metadata.preprocessing, null, {
              series: flags.series,
            });
            const tasks = predictVolume(model, volume, {
              calibration: metadata,
              calibrated: flags.calibration,
            });
            predictions.push({ file, tasks });
            if (!flags.json) {
              const parts = Object.entries(tasks).map(
                ([task, { pred, probs }]) => `${task}=${pred} (p=${probs[pred]!.toFixed(3)})`,
              );
              io.out(`${file}: ${parts.join(', ')}\n`);
            }
          }
        } finally {
          model.dispose();
        }
        if (flags.json) io.out(`${JSON.stringify({ predictions })}\n`);
      },
    );
}
