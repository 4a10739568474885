import {
  type CheckpointMetadata,
  type DenseNet3d,
  predictedClass,
  probabilitiesFromLogits,
} from '@ct-fracture/densenet3d';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import {
  readNifti,
  readNiftiPreprocessed,
  reorientToRas,
  resampleToSpacing,
  resizeVolume,
  type Volume,
  windowIntensity,
} from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { Command, Option } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

/** One task's prediction (DESIGN.md `predict --json`), plus the raw logits. */
export interface TaskPrediction {
  pred: string;
  probs: Record<string, number>;
  logits: number[];
}

/** Reads a scan and applies the checkpoint's preprocessing (window, reorient, respacing, resize). */
async function modelInput(
  file: string,
  preprocessing: CheckpointMetadata['preprocessing'],
): Promise<Volume> {
  if (preprocessing.spacingMm === null) {
    const { volume } = await readNiftiPreprocessed(file, {
      windowHu: preprocessing.windowHu,
      outputRange: preprocessing.outputRange,
      reorientToRas: preprocessing.reorientToRas,
      shape: preprocessing.size,
      mode: preprocessing.resizeMode,
    });
    return volume;
  }
  let { volume } = await readNifti(file);
  if (preprocessing.reorientToRas) volume = reorientToRas(volume);
  volume = resampleToSpacing(volume, { spacingMm: preprocessing.spacingMm, mode: 'trilinear' });
  volume = windowIntensity(volume, {
    windowHu: preprocessing.windowHu,
    outputRange: preprocessing.outputRange,
  });
  return resizeVolume(volume, { shape: preprocessing.size, mode: preprocessing.resizeMode });
}

/** Classifies one preprocessed volume: per task the predicted class, probabilities and logits. */
export function predictVolume(model: DenseNet3d, volume: Volume): Record<string, TaskPrediction> {
  const [d, h, w] = volume.shape;
  const x = tf.tensor5d(volume.data, [1, d, h, w, 1]);
  const { logits } = model.forward(x);
  const result: Record<string, TaskPrediction> = {};
  model.config.heads.forEach((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    const probabilities = probabilitiesFromLogits(head, values);
    result[head.task] = {
      pred: head.classes[predictedClass(probabilities)]!,
      probs: Object.fromEntries(
        head.classes.map((name, classIndex) => [name, probabilities[classIndex]!]),
      ),
      logits: values,
    };
  });
  tf.dispose([x, ...logits]);
  return result;
}

/**
 * The backend for `--backend`: `cpu`, `onednn`, or `auto` (onednn when its addon loads, else
 * cpu). Stand-in until a shared apps/cli/src/backend.ts exists (as in train.ts).
 */
async function setUpBackend(name: string): Promise<string> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (name === 'onednn' || name === 'auto') {
    const onednn = await import('@ct-fracture/tfjs-backend-onednn');
    if (onednn.oneDnnStatus().available && (await tf.setBackend(onednn.ONEDNN_BACKEND_NAME)))
      return onednn.ONEDNN_BACKEND_NAME;
    if (name === 'onednn')
      throw new UsageError(
        `--backend onednn needs the oneDNN addon: ${onednn.oneDnnInstallHint(process.platform).split('\n')[0]}`,
      );
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

/** `ct-fracture predict --checkpoint DIR FILE… [--json]`: classify scans with a checkpoint. */
export function predictCommand(io: Io): Command {
  return new Command('predict')
    .summary('classify scans with a checkpoint')
    .description(
      'Classify NIfTI scans with a checkpoint folder: each scan is preprocessed as the checkpoint ' +
        'says (window, reorientation, spacing, resize) and every task head predicts. Binary tasks ' +
        'are thresholded at 0.5, multiclass tasks by argmax.\n\nWith --json, one JSON document: ' +
        '{"predictions":[{"file","tasks":{"<task>":{"pred","probs":{"<class>":p,…},"logits":[…]}}}]}.',
    )
    .requiredOption(
      '--checkpoint <dir>',
      'checkpoint folder (model.json, weights.bin, ct-fracture.json)',
    )
    .argument('<files...>', '.nii or .nii.gz scans')
    .option('--json', 'print one JSON document on stdout')
    .addOption(
      new Option('--backend <name>', 'compute backend')
        .choices(['auto', 'onednn', 'cpu'])
        .default('auto'),
    )
    .action(
      async (files: string[], flags: { checkpoint: string; json?: boolean; backend: string }) => {
        const backend = await setUpBackend(flags.backend);
        const { model, metadata } = await loadCheckpoint(flags.checkpoint);
        io.err(`ct-fracture: backend ${backend}\n`);
        const predictions: Array<{ file: string; tasks: Record<string, TaskPrediction> }> = [];
        try {
          for (const file of files) {
            const tasks = predictVolume(model, await modelInput(file, metadata.preprocessing));
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
