import type { TaskKind } from '@ct-fracture/core';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetConfig, HeadConfig } from '../model/config';
import { featureChannels, parameterSpecs } from '../model/dense-net-modules';
import { firstNonFinite } from '../model/first-non-finite';
import { FEATURES, parseDenseLayerKey } from '../model/names';
import {
  type DenseLayerNaming,
  denseLayerKey,
  type InferredBody,
  inferDenseNetBody,
  type StateDictEntry,
} from './infer-architecture';
import { torchToTfjsLayout } from './layout';

/** Which Linear module of the state_dict is the head of a task (`--task NAME=HEAD_KEY:c1,c2,…`). */
export interface HeadMapping {
  task: string;
  /** Module name in the state_dict, e.g. `class_layers.out` or `fc_gt` (a body prefix is tried too). */
  moduleKey: string;
  /** Class names; a Linear with one output and two classes is a binary (sigmoid) head. */
  classes: readonly string[];
}

/** Options of {@link importStateDict}. */
export interface ImportStateDictOptions {
  /** The file the state_dict came from: every error names it. */
  file?: string;
}

/** A state_dict converted to this package's weights. */
export interface StateDictImport {
  config: DenseNetConfig;
  /** tfjs-layout values keyed like `parameterSpecs(config)`. */
  weights: Map<string, Float32Array>;
  inferred: InferredBody;
  /** state_dict keys not used (other heads, `num_batches_tracked`, …). */
  ignoredKeys: string[];
}

function sourceKey(key: string, prefix: string, naming: DenseLayerNaming): string {
  const denseLayer = parseDenseLayerKey(key);
  if (denseLayer === null) return `${prefix}${key}`;
  return denseLayerKey(
    naming,
    `${prefix}${denseLayer.layer}`,
    denseLayer.part,
    denseLayer.parameter,
  );
}

function floatData(entry: StateDictEntry, key: string): Float32Array {
  if (!(entry.data instanceof Float32Array)) {
    throw new DenseNetError({
      code: 'torch-format',
      message: `weight '${key}' must be a floating-point tensor, got int64`,
      key,
    });
  }
  const bad = firstNonFinite(entry.data);
  if (bad >= 0) {
    throw new DenseNetError({
      code: 'torch-format',
      message: `weight '${key}' must be finite, got ${entry.data[bad]} at element ${bad}`,
      key,
      value: String(entry.data[bad]),
    });
  }
  return entry.data;
}

/** `error`, naming `file` when it is a DenseNetError that names none. */
function inFile(error: unknown, file: string | undefined): unknown {
  if (file === undefined || !DenseNetError.isInstance(error)) return error;
  const densenet = error as DenseNetError;
  if (densenet.file !== undefined) return error;
  return new DenseNetError({
    code: densenet.code,
    message: densenet.message,
    file,
    ...(densenet.key === undefined ? {} : { key: densenet.key }),
    ...(densenet.value === undefined ? {} : { value: densenet.value }),
    cause: error,
  });
}

function defaultHeads(
  stateDict: ReadonlyMap<string, StateDictEntry>,
  prefix: string,
): HeadMapping[] {
  for (const moduleKey of ['class_layers.out', 'classifier']) {
    const weight = stateDict.get(`${prefix}${moduleKey}.weight`);
    if (weight === undefined) continue;
    const outputs = weight.shape[0]!;
    const classes =
      outputs === 1
        ? ['negative', 'positive']
        : Array.from({ length: outputs }, (_, index) => String(index));
    return [{ task: 'output', moduleKey: `${prefix}${moduleKey}`, classes }];
  }
  throw new DenseNetError({
    code: 'head-mapping',
    message: `no '${prefix}class_layers.out' Linear in the state_dict: name the heads with --task NAME=HEAD_KEY:class1,class2,…`,
  });
}

function resolveHead(
  stateDict: ReadonlyMap<string, StateDictEntry>,
  mapping: HeadMapping,
  prefix: string,
  features: number,
): { head: HeadConfig; weightKey: string; biasKey: string | undefined } {
  const candidates = [mapping.moduleKey, `${prefix}${mapping.moduleKey}`];
  const base = candidates.find((candidate) => stateDict.has(`${candidate}.weight`));
  const where = `--task ${mapping.task}=${mapping.moduleKey}`;
  if (base === undefined) {
    const linears = [...stateDict.keys()]
      .filter((key) => key.endsWith('.weight') && stateDict.get(key)!.shape.length === 2)
      .map((key) => key.slice(0, -'.weight'.length));
    throw new DenseNetError({
      code: 'head-mapping',
      message: `${where}: no '${mapping.moduleKey}.weight' in the state_dict; Linear modules there: ${linears.join(', ') || 'none'}`,
      key: mapping.moduleKey,
    });
  }
  const weightKey = `${base}.weight`;
  const shape = stateDict.get(weightKey)!.shape;
  if (shape.length !== 2 || shape[1] !== features) {
    throw new DenseNetError({
      code: 'head-mapping',
      message: `${where}: a head must be a Linear [out, ${features}] on the pooled features, got [${shape}]`,
      key: weightKey,
      value: JSON.stringify(shape),
    });
  }
  const outputs = shape[0]!;
  let kind: TaskKind;
  if (outputs === mapping.classes.length && outputs >= 2) kind = 'multiclass';
  else if (outputs === 1 && mapping.classes.length === 2) kind = 'binary';
  else {
    throw new DenseNetError({
      code: 'head-mapping',
      message: `${where}: ${mapping.classes.length} classes must match the Linear's ${outputs} outputs (or 2 classes for 1 output, binary), got ${mapping.classes.length}`,
      key: weightKey,
      value: mapping.classes.join(','),
    });
  }
  const biasKey = stateDict.has(`${base}.bias`) ? `${base}.bias` : undefined;
  return { head: { task: mapping.task, kind, classes: [...mapping.classes] }, weightKey, biasKey };
}

/**
 * Converts a PyTorch/MONAI DenseNet state_dict (MONAI or torchvision names, any prefix
 * such as `module.`) into a config and tfjs-layout weights. Heads come from `heads`, or
 * from MONAI's single `class_layers.out` (task `output`). Every weight used must be finite.
 * @param options - `file`, named in every error.
 * @throws DenseNetError `torch-format` (not a DenseNet, wrong shapes, extra body keys, a NaN
 * or infinite weight), `head-mapping` (a head is missing or its classes do not fit).
 * @example
 * const { config, weights } = importStateDict(stateDict, [
 *   { task: 'varus', moduleKey: 'fc_varus', classes: ['no', 'yes'] },
 * ]);
 */
export function importStateDict(
  stateDict: ReadonlyMap<string, StateDictEntry>,
  heads?: readonly HeadMapping[],
  options: ImportStateDictOptions = {},
): StateDictImport {
  try {
    return convertStateDict(stateDict, heads);
  } catch (error) {
    throw inFile(error, options.file);
  }
}

function convertStateDict(
  stateDict: ReadonlyMap<string, StateDictEntry>,
  heads: readonly HeadMapping[] | undefined,
): StateDictImport {
  const inferred = inferDenseNetBody(stateDict);
  const { body, prefix, naming } = inferred;
  const features = featureChannels(body);
  const mappings =
    heads === undefined || heads.length === 0 ? defaultHeads(stateDict, prefix) : heads;
  const resolved = mappings.map((mapping) => resolveHead(stateDict, mapping, prefix, features));
  const config: DenseNetConfig = { body, heads: resolved.map((entry) => entry.head) };
  const used = new Set<string>();
  const weights = new Map<string, Float32Array>();
  for (const spec of parameterSpecs(config)) {
    let source: string | undefined;
    if (spec.key.startsWith('heads.')) {
      const entry =
        resolved[config.heads.findIndex((head) => spec.key.startsWith(`heads.${head.task}.`))]!;
      source = spec.role === 'linear-weight' ? entry.weightKey : entry.biasKey;
      if (source === undefined) {
        weights.set(spec.key, new Float32Array(spec.shape[0]!));
        continue;
      }
    } else {
      source = sourceKey(spec.key, prefix, naming);
    }
    const entry = stateDict.get(source);
    if (entry === undefined) {
      throw new DenseNetError({
        code: 'torch-format',
        message: `the state_dict lacks '${source}' (needed for ${spec.key})`,
        key: source,
      });
    }
    const converted = torchToTfjsLayout(
      { shape: [...entry.shape], data: floatData(entry, source) },
      source,
    );
    if (converted.shape.join() !== spec.shape.join()) {
      throw new DenseNetError({
        code: 'torch-format',
        message: `'${source}' must have PyTorch shape matching [${spec.shape}] (tfjs layout), got [${entry.shape}]`,
        key: source,
        value: JSON.stringify(entry.shape),
      });
    }
    used.add(source);
    weights.set(spec.key, converted.data);
  }
  const ignoredKeys = [...stateDict.keys()].filter((key) => !used.has(key));
  const stray = ignoredKeys.find(
    (key) => key.startsWith(`${prefix}${FEATURES}.`) && !key.endsWith('num_batches_tracked'),
  );
  if (stray !== undefined) {
    throw new DenseNetError({
      code: 'torch-format',
      message: `'${stray}' does not belong to the inferred DenseNet (blocks [${body.blockConfig}], growth ${body.growthRate}, bn_size ${body.bnSize})`,
      key: stray,
    });
  }
  return { config, weights, inferred, ignoredKeys };
}
