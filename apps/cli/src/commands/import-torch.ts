import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type DenseNetConfig,
  denseNet3dFromWeights,
  type HeadMapping,
  importStateDict,
  MAX_INPUT_SIZE,
  ORIGINAL_PREPROCESSING,
  type StateDictImport,
} from '@ct-fracture/densenet3d';
import { readPth, saveCheckpoint } from '@ct-fracture/densenet3d/node';
import {
  DEFAULT_LABEL_SPEC,
  type LabelSpec,
  type LabelTaskSpec,
  ORIGINAL_LABEL_SPEC,
  parseLabelSpec,
} from '@ct-fracture/labels';
import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { Command, Option } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

const TASK_FLAG = /^([A-Za-z][A-Za-z0-9_]*)=([^:]+):(.+)$/;

/** `NAME=HEAD_KEY:class1,class2,…` → a head mapping. */
export function parseTaskFlag(text: string): HeadMapping {
  const match = TASK_FLAG.exec(text);
  const classes = match?.[3]?.split(',').map((name) => name.trim());
  if (match === null || classes === undefined || classes.some((name) => name === '')) {
    throw new UsageError(
      `--task must be NAME=HEAD_KEY:class1,class2,… (e.g. varus=fc_varus:no,yes), got '${text}'`,
    );
  }
  return { task: match[1]!, moduleKey: match[2]!, classes };
}

function parseNumbers(flag: string, text: string, count: number[]): number[] {
  const values = text.split(',').map((part) => Number(part.trim()));
  if (!count.includes(values.length) || values.some((value) => !Number.isFinite(value))) {
    throw new UsageError(
      `${flag} must be ${count.join(' or ')} comma-separated numbers, got '${text}'`,
    );
  }
  return values;
}

/** The label specification of imported heads: known task definitions where name and classes match. */
function labelSpecFor(config: DenseNetConfig): LabelSpec {
  const known = [...ORIGINAL_LABEL_SPEC.tasks, ...DEFAULT_LABEL_SPEC.tasks];
  const tasks: LabelTaskSpec[] = config.heads.map((head) => {
    const match = known.find(
      (task) =>
        task.name === head.task &&
        task.kind === head.kind &&
        task.classes.join('\n') === head.classes.join('\n'),
    );
    return (
      match ?? {
        name: head.task,
        column: head.task,
        optional: false,
        kind: head.kind,
        ordinal: false,
        classes: [...head.classes],
        aliases: {},
        ignore: [],
        markers: [],
      }
    );
  });
  return parseLabelSpec({
    ...DEFAULT_LABEL_SPEC,
    name: 'imported',
    description: 'Tasks of a model imported from a PyTorch state_dict.',
    tasks,
  });
}

/**
 * Reads and converts a `.pth`; the file's bytes and the PyTorch-layout tensors are let go on
 * return, so only the converted weights stay in memory while the checkpoint is written.
 */
async function readStateDict(
  file: string,
  heads: HeadMapping[],
): Promise<{ imported: StateDictImport; sha256: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file); // a Buffer is a Uint8Array: no copy
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { imported: importStateDict(readPth(bytes, file), heads, { file }), sha256 };
}

interface ImportFlags {
  out: string;
  task: string[];
  size: string;
  window: string;
  resizeMode: PreprocessOptions['resizeMode'];
  json?: boolean;
}

/** `ct-fracture import-torch FILE.pth --out DIR [--task NAME=HEAD_KEY:c1,c2,…]… [--size N] [--window LO,HI]`. */
export function importTorchCommand(io: Io): Command {
  return new Command('import-torch')
    .summary('import a PyTorch/MONAI state_dict (.pth) as a checkpoint')
    .description(
      'Read a torch.save state_dict safely (a restricted unpickler: no code runs), infer the ' +
        'DenseNet (init features, growth rate, blocks, bn_size; MONAI or torchvision names, any ' +
        'prefix such as module.), convert the weights and write a checkpoint folder with its label ' +
        'specification and preprocessing. Heads: MONAI’s single class_layers.out (task "output"), ' +
        'or one --task per head, in head order. A Linear with one output and two classes is a ' +
        'binary (sigmoid) head.\n\nThe original project’s checkpoint:\n  ct-fracture import-torch ' +
        'final_multi_3d_clf4.pth --out ckpt --task fracture=HEAD:1-part,2-part,dislocation,multipart …',
    )
    .argument('<file>', 'a .pth file written by torch.save (PyTorch ≥ 1.6)')
    .requiredOption('--out <dir>', 'checkpoint folder to write (replaced atomically)')
    .option(
      '--task <spec>',
      'NAME=HEAD_KEY:class1,class2,… (repeatable, head order)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--size <n>', 'model input size N (N³) or D,H,W', '128')
    .option('--window <lo,hi>', 'intensity window in HU', '-500,1300')
    .addOption(
      new Option('--resize-mode <mode>', 'resize interpolation')
        .choices(['area', 'trilinear', 'nearest'])
        .default('area'),
    )
    .option('--json', 'print one JSON document describing the import')
    .action(async (file: string, flags: ImportFlags) => {
      const heads = flags.task.map(parseTaskFlag);
      const size = parseNumbers('--size', flags.size, [1, 3]);
      if (size.some((value) => !Number.isInteger(value) || value < 1))
        throw new UsageError(`--size must be positive integers, got '${flags.size}'`);
      const [d, h, w] = size.length === 1 ? [size[0]!, size[0]!, size[0]!] : size;
      if (Math.max(d!, h!, w!) > MAX_INPUT_SIZE.perAxis || d! * h! * w! > MAX_INPUT_SIZE.voxels) {
        throw new UsageError(
          `--size must be at most ${MAX_INPUT_SIZE.perAxis} per axis and ${MAX_INPUT_SIZE.voxels} voxels (256³) in all, got '${flags.size}'`,
        );
      }
      const window = parseNumbers('--window', flags.window, [2]);
      if (window[0]! >= window[1]!)
        throw new UsageError(`--window must be LO,HI with LO < HI, got '${flags.window}'`);
      const { imported, sha256 } = await readStateDict(file, heads);
      await import('@tensorflow/tfjs-backend-cpu');
      await tf.setBackend('cpu');
      const model = denseNet3dFromWeights(imported.config, imported.weights);
      const preprocessing: PreprocessOptions = {
        ...ORIGINAL_PREPROCESSING,
        windowHu: [window[0]!, window[1]!],
        size: [d!, h!, w!],
        resizeMode: flags.resizeMode,
      };
      const ignored = imported.ignoredKeys.filter((key) => !key.endsWith('num_batches_tracked'));
      try {
        await saveCheckpoint(flags.out, model, {
          labelSpec: labelSpecFor(imported.config),
          preprocessing,
          provenance: {
            source: 'import-torch',
            file: basename(file),
            sha256,
            importedAt: new Date().toISOString(),
            prefix: imported.inferred.prefix,
            naming: imported.inferred.naming,
            ignoredKeys: ignored,
          },
        });
      } finally {
        model.dispose();
      }
      const { body } = imported.config;
      if (ignored.length > 0)
        io.err(
          `ct-fracture: warning: ${ignored.length} state_dict entries not used: ${ignored.slice(0, 8).join(', ')}${ignored.length > 8 ? ', …' : ''}\n`,
        );
      const summary = {
        out: flags.out,
        file,
        sha256,
        body,
        heads: imported.config.heads,
        prefix: imported.inferred.prefix,
        naming: imported.inferred.naming,
        ignoredKeys: ignored,
      };
      if (flags.json) {
        io.out(`${JSON.stringify(summary)}\n`);
        return;
      }
      io.out(
        `imported ${file} → ${flags.out}\n` +
          `  DenseNet: ${body.inChannels} in, init ${body.initFeatures}, growth ${body.growthRate}, blocks [${body.blockConfig.join(', ')}], bn_size ${body.bnSize} (${imported.inferred.naming} names${imported.inferred.prefix === '' ? '' : `, prefix '${imported.inferred.prefix}'`})\n` +
          imported.config.heads
            .map((head) => `  head ${head.task}: ${head.kind}, ${head.classes.join(', ')}\n`)
            .join(''),
      );
    });
}
