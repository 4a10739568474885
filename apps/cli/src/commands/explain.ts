import { GRAD_CAM_METHODS, type GradCamMethod } from '@ct-fracture/densenet3d';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import { explainScan, scanBaseName, writeExplanation } from '@ct-fracture/eval';
import { readScan } from '@ct-fracture/trainer';
import { Command, Option } from 'commander';
import { BACKEND_CHOICES, setUpBackend } from '../backend';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

interface ExplainFlags {
  checkpoint: string;
  task: string;
  class?: string;
  layer?: string;
  method: GradCamMethod;
  backend: string;
  out: string;
  series?: string;
  json?: boolean;
  calibration: boolean;
}

/**
 * `ct-fracture explain --checkpoint DIR FILE --task T [--class C] [--layer L]
 * [--method gradcam|gradcam++] [--backend …] --out DIR [--json]`: Grad-CAM of one scan in the
 * scan's own space — `<out>/<scan>_<task>_<class>_gradcam.nii.gz` (float32, the scan's affine),
 * a PNG mosaic of overlays and a JSON summary (maximum in voxel and world coordinates).
 */
export function explainCommand(io: Io): Command {
  return new Command('explain')
    .summary('Grad-CAM heatmaps as NIfTI and PNG overlays')
    .description(
      'Explain one prediction with Grad-CAM (or Grad-CAM++): the scan is preprocessed as the ' +
        "checkpoint says, the class score's gradient weights a layer's feature maps (default: the " +
        "last dense block), and the heatmap is mapped back onto the scan's own voxel grid " +
        '(undoing resize, respacing and reorientation).\n\nWrites into --out: ' +
        "<scan>_<task>_<class>_gradcam.nii.gz (float32, the scan's affine — a DICOM series' world " +
        'space as dcm2niix would convert it: overlay it on the scan ' +
        'in 3D Slicer or ITK-SNAP), <scan>_<task>_<class>_gradcam.png (axial, coronal and sagittal ' +
        'slices through the maximum and evenly spaced ones; CT in a bone window, heatmap in ' +
        'inferno) and <scan>_<task>_<class>_gradcam.json (class probability, layer, maximum in ' +
        'voxel and world RAS mm). With --json the summary and the file paths are printed as one ' +
        'JSON document.',
    )
    .requiredOption(
      '--checkpoint <dir>',
      'checkpoint folder (model.json, weights.bin, ct-fracture.json)',
    )
    .argument('<file>', '.nii or .nii.gz scan, or a DICOM series folder')
    .option('--series <uid>', 'SeriesInstanceUID to read where the folder holds several series')
    .requiredOption('--task <name>', 'task (head) to explain')
    .option(
      '--class <name>',
      'class to explain (default: the predicted class, at the checkpoint’s operating point)',
    )
    .option(
      '--layer <stage>',
      'network stage (default: the last dense block, the most semantic but coarsest map; an earlier ' +
        'stage such as features.transition1 or features.denseblock1 localises more finely)',
    )
    .addOption(
      new Option('--method <name>', 'CAM weighting').choices(GRAD_CAM_METHODS).default('gradcam'),
    )
    .addOption(
      new Option('--backend <name>', 'compute backend').choices(BACKEND_CHOICES).default('auto'),
    )
    .requiredOption('--out <dir>', 'output folder (created if needed)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-calibration', 'show raw probabilities (temperatures not applied)')
    .action(async (file: string, flags: ExplainFlags) => {
      await setUpBackend(flags.backend, io);
      await import('@ct-fracture/densenet3d/register-gradients');
      const { model, metadata } = await loadCheckpoint(flags.checkpoint);
      try {
        const head = model.config.heads.find((h) => h.task === flags.task);
        if (head === undefined) {
          throw new UsageError(
            `--task must be one of ${model.config.heads.map((h) => h.task).join(', ')}, got '${flags.task}'`,
          );
        }
        if (flags.class !== undefined && !head.classes.includes(flags.class)) {
          throw new UsageError(
            `--class of task '${flags.task}' must be one of ${head.classes.join(', ')}, got '${flags.class}'`,
          );
        }
        if (flags.layer !== undefined && !model.stageNames.includes(flags.layer)) {
          throw new UsageError(
            `--layer must be one of ${model.stageNames.join(', ')}, got '${flags.layer}'`,
          );
        }
        const scan = await readScan(file, { series: flags.series });
        for (const warning of scan.warnings) io.err(`warning: ${file}: ${warning}\n`);
        const explained = await explainScan({
          model,
          metadata,
          scan: scan.volume,
          scanFile: file,
          scanName: scanBaseName(file),
          task: flags.task,
          className: flags.class,
          layer: flags.layer,
          method: flags.method,
          calibrated: flags.calibration,
        });
        const files = await writeExplanation(flags.out, explained);
        const { summary } = explained;
        if (flags.json) {
          io.out(`${JSON.stringify({ file, ...summary, files })}\n`);
        } else {
          io.out(
            `${file}: ${summary.task} = ${summary.class} (p=${summary.probability.toFixed(3)}); ` +
              `maximum at voxel [${summary.maxVoxel.join(', ')}] = (${summary.maxWorldMm.join(', ')}) mm\n` +
              `  ${files.nifti}\n  ${files.png}\n  ${files.json}\n`,
          );
        }
      } finally {
        model.dispose();
      }
    });
}
