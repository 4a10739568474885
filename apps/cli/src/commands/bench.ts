import {
  createDenseNet3d,
  type DenseNetBodyConfig,
  type DenseNetPresetName,
  densenetPreset,
  type HeadConfig,
  headsFromTasks,
} from '@ct-fracture/densenet3d';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import { AdamOptimizer, computeGradients, type WeightedTaskLoss } from '@ct-fracture/trainer';
import * as tf from '@tensorflow/tfjs-core';
import { Command, Option } from 'commander';
import { BACKEND_CHOICES, setUpBackend } from '../backend';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

const PRESETS: readonly DenseNetPresetName[] = [
  'densenet121',
  'densenet169',
  'densenet201',
  'densenet264',
];

/** The default label specification's six heads (DESIGN.md). */
const HEADS: HeadConfig[] = headsFromTasks(DEFAULT_LABEL_SPEC.tasks);

interface BenchFlags {
  size: string;
  batch: string;
  steps: string;
  inferSize: string;
  threads?: string;
  backend: string;
  preset: DenseNetPresetName;
  json?: boolean;
}

function positiveInteger(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new UsageError(
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got '${value}'`,
    );
  }
  return n;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Forward FLOPs (2 · multiply-adds) of the convolutions for one volume of `size`³: the stem
 * (7³, stride 2, padding 3), the 1³ bottlenecks and 3³ growth convolutions of every dense
 * layer, and the 1³ transition convolutions.
 */
export function convolutionFlops(
  body: DenseNetBodyConfig,
  size: number,
): { total: number; stem: number } {
  let s = Math.floor((size - 1) / 2) + 1;
  const stem = 2 * s ** 3 * 343 * body.inChannels * body.initFeatures;
  let total = stem;
  s = Math.floor((s - 1) / 2) + 1;
  let channels = body.initFeatures;
  const bottleneck = body.bnSize * body.growthRate;
  body.blockConfig.forEach((layers, block) => {
    for (let layer = 0; layer < layers; layer++) {
      total += 2 * s ** 3 * (channels * bottleneck + 27 * bottleneck * body.growthRate);
      channels += body.growthRate;
    }
    if (block < body.blockConfig.length - 1) {
      total += 2 * s ** 3 * channels * Math.floor(channels / 2);
      channels = Math.floor(channels / 2);
      s = Math.floor(s / 2);
    }
  });
  return { total, stem };
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Sets the onednn backend's thread count before it loads (and again after, in case it was
 * loaded already); other backends take no thread count.
 */
function requestThreads(threads: number | undefined): void {
  if (threads !== undefined) process.env.CTF_ONEDNN_THREADS = String(threads);
}

/** The threads the backend's kernels run on: onednn's setting, 1 for cpu, null when unknown. */
async function backendThreads(name: string, threads: number | undefined): Promise<number | null> {
  if (name === 'cpu') return 1;
  if (name !== 'onednn') return null;
  const onednn = await import('@ct-fracture/tfjs-backend-onednn');
  if (threads !== undefined) onednn.setOneDnnThreads(threads);
  const status = onednn.oneDnnStatus();
  return status.available ? status.info.threads : null;
}

/** `ct-fracture bench`: time a DenseNet training step and inference on a backend. */
export function benchCommand(io: Io): Command {
  return new Command('bench')
    .summary('time DenseNet121 training and inference on a backend')
    .description(
      'Time a DenseNet (default DenseNet121, six heads) on synthetic data: a training step (forward in ' +
        'training mode, the focal multi-task loss, backward, Adam) at --batch × --size³, and ' +
        'inference of one --infer-size³ volume. Prints medians of --steps runs after one warm-up; ' +
        'with --json one document {backend, threads, size, batch, train_step_ms, infer_ms, peak_rss_mb, ' +
        'train_peak_rss_mb, train_conv_gflops, infer_conv_gflops, …}.',
    )
    .option('--size <n>', 'training input size in voxels per side', '64')
    .option('--batch <n>', 'training batch size', '2')
    .option('--steps <n>', 'timed training steps and inference runs', '5')
    .option('--infer-size <n>', 'inference input size in voxels per side (0 = no inference)', '128')
    .option(
      '--threads <n>',
      'threads of the onednn kernels (default: CTF_ONEDNN_THREADS or every core)',
    )
    .addOption(
      new Option('--backend <name>', 'compute backend').choices(BACKEND_CHOICES).default('auto'),
    )
    .addOption(
      new Option('--preset <name>', 'network depth').choices(PRESETS).default('densenet121'),
    )
    .option('--json', 'print one JSON document on stdout')
    .action(async (flags: BenchFlags) => {
      const size = positiveInteger(flags.size, '--size');
      const batch = positiveInteger(flags.batch, '--batch');
      const steps = positiveInteger(flags.steps, '--steps');
      const inferSize = positiveInteger(flags.inferSize, '--infer-size', true);
      const requested =
        flags.threads === undefined ? undefined : positiveInteger(flags.threads, '--threads');
      requestThreads(requested);
      const backend = await setUpBackend(flags.backend, io);
      if (requested !== undefined && backend.name !== 'onednn') {
        io.err(`bench: --threads applies to the onednn backend only; ${backend.name} ignores it\n`);
      }
      const threads = await backendThreads(backend.name, requested);
      await import('@ct-fracture/densenet3d/register-gradients');
      const body = densenetPreset(flags.preset);
      const model = createDenseNet3d({ body, heads: HEADS }, { seed: 1 });
      const variables = new Map([...model.weights].filter(([, v]) => v.trainable));
      const optimizer = new AdamOptimizer(variables, {
        type: 'adam',
        betas: [0.9, 0.999],
        eps: 1e-8,
        weightDecay: 0,
      });
      const tasks: WeightedTaskLoss[] = HEADS.map((head) => ({
        name: head.task,
        kind: head.kind,
        type: 'focal',
        gamma: 2,
        alpha: head.kind === 'binary' ? 0.5 : null,
        classWeights: null,
        weight: 1,
      }));
      const labels = HEADS.map((head, h) =>
        Int32Array.from({ length: batch }, (_, i) => (i + h) % head.classes.length),
      );
      const x = tf.randomUniform([batch, size, size, size, 1], 0, 1, 'float32', 1);
      const trainStep = () => {
        const { gradients } = computeGradients(model, variables, x, labels, tasks, 0);
        optimizer.apply(gradients, 5e-4);
        tf.dispose([...gradients.values()]);
      };
      const time = (fn: () => void) => {
        const start = performance.now();
        fn();
        return performance.now() - start;
      };
      io.err(
        `bench: ${flags.preset}, training batch ${batch} × ${size}³, ${steps} steps after a warm-up, ${threads ?? 'unknown'} threads\n`,
      );
      const warmup = time(trainStep);
      io.err(`  warm-up step ${warmup.toFixed(0)} ms\n`);
      const stepTimes: number[] = [];
      for (let i = 0; i < steps; i++) {
        stepTimes.push(time(trainStep));
        io.err(`  step ${i + 1}: ${(stepTimes[i] ?? 0).toFixed(0)} ms\n`);
      }
      x.dispose();
      const trainPeakRssMb = Math.round(rssMb());
      const inferTimes: number[] = [];
      if (inferSize > 0) {
        const volume = tf.randomUniform(
          [1, inferSize, inferSize, inferSize, 1],
          0,
          1,
          'float32',
          2,
        );
        const infer = () => {
          const { logits } = model.forward(volume, { training: false });
          for (const l of logits) l.dataSync();
          tf.dispose(logits);
        };
        io.err(`bench: inference of one ${inferSize}³ volume\n`);
        io.err(`  warm-up ${time(infer).toFixed(0)} ms\n`);
        for (let i = 0; i < steps; i++) {
          inferTimes.push(time(infer));
          io.err(`  run ${i + 1}: ${(inferTimes[i] ?? 0).toFixed(0)} ms\n`);
        }
        volume.dispose();
      }
      optimizer.dispose();
      model.dispose();
      const flops = convolutionFlops(body, size);
      // Forward, input gradient (none for the stem: the input needs none) and filter gradient.
      const trainConvFlops = batch * (3 * flops.total - flops.stem);
      const trainStepMs = median(stepTimes);
      const inferMs = inferSize > 0 ? median(inferTimes) : null;
      const result = {
        backend: backend.name,
        threads,
        size,
        batch,
        train_step_ms: trainStepMs,
        infer_ms: inferMs,
        peak_rss_mb: Math.round(rssMb()),
        train_peak_rss_mb: trainPeakRssMb,
        preset: flags.preset,
        infer_size: inferSize,
        steps,
        train_steps_ms: stepTimes,
        infer_runs_ms: inferTimes,
        train_conv_gflop: trainConvFlops / 1e9,
        train_conv_gflops: trainConvFlops / 1e6 / trainStepMs,
        infer_conv_gflops:
          inferMs === null ? null : convolutionFlops(body, inferSize).total / 1e6 / inferMs,
      };
      if (flags.json) {
        io.out(`${JSON.stringify(result)}\n`);
        return;
      }
      io.out(
        `${flags.preset} on ${backend.name} (${threads ?? 'unknown'} threads): training step (batch ${batch}, ${size}³) ${trainStepMs.toFixed(0)} ms ` +
          `(${result.train_conv_gflops.toFixed(1)} conv GFLOP/s, peak RSS ${trainPeakRssMb} MB)` +
          (inferMs === null
            ? ''
            : `; inference (${inferSize}³) ${inferMs.toFixed(0)} ms (${(result.infer_conv_gflops ?? 0).toFixed(1)} conv GFLOP/s)`) +
          `; peak RSS ${result.peak_rss_mb} MB\n`,
      );
    });
}
