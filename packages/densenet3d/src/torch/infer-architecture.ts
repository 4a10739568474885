import { DenseNetError } from '../errors/densenet-error';
import {
  type DenseLayerPart,
  denseBlockName,
  denseLayerName,
  denseLayerPartName,
  MODULE_NAMES,
} from '../model/names';
import type { DenseNetBodyConfig } from '../presets';

/** A state_dict entry as the importer needs it: a shape and row-major values. */
export interface StateDictEntry {
  shape: readonly number[];
  data: Float32Array | BigInt64Array;
}

/** How dense-layer modules are named: MONAI `…denselayer1.layers.norm1`, torchvision `…denselayer1.norm1`, old torchvision `…denselayer1.norm.1`. */
export type DenseLayerNaming = 'monai' | 'torchvision' | 'torchvision-legacy';

/** The body found in a state_dict. */
export interface InferredBody {
  body: DenseNetBodyConfig;
  /** Text before `features.` in every body key (`''`, `module.`, `backbone.`, …). */
  prefix: string;
  naming: DenseLayerNaming;
}

const STEM = `${MODULE_NAMES.stemConvolution}.weight`;

function fail(message: string, key?: string, value?: unknown): never {
  throw new DenseNetError({
    code: 'torch-format',
    message,
    ...(key === undefined ? {} : { key }),
    ...(value === undefined ? {} : { value: JSON.stringify(value) }),
  });
}

/** The source key of a dense-layer module parameter under a naming scheme. */
export function denseLayerKey(
  naming: DenseLayerNaming,
  layerPrefix: string,
  module: DenseLayerPart,
  parameter: string,
): string {
  if (naming === 'monai') return `${denseLayerPartName(layerPrefix, module)}.${parameter}`;
  if (naming === 'torchvision') return `${layerPrefix}.${module}.${parameter}`;
  return `${layerPrefix}.${module.slice(0, -1)}.${module.slice(-1)}.${parameter}`;
}

/** How many modules `name(1)`, `name(2)`, … have keys (stops at the first missing one). */
function countIndexed(keys: readonly string[], name: (index: number) => string): number {
  let count = 0;
  while (keys.some((key) => key.startsWith(`${name(count + 1)}.`))) count += 1;
  return count;
}

/**
 * Infers a DenseNet body from state_dict keys and shapes: the prefix before `features.`,
 * in channels and init features (stem `[init, in, 7, 7, 7]`), blocks and layers from the
 * `denseblockN.denselayerM` keys, growth rate and bn_size from the first dense layer's
 * convolutions. Dropout cannot be seen in weights and is 0.
 * @throws DenseNetError `torch-format` when the keys are not a 3D DenseNet.
 * @example
 * inferDenseNetBody(stateDict).body.blockConfig; // [6, 12, 24, 16]
 */
export function inferDenseNetBody(stateDict: ReadonlyMap<string, StateDictEntry>): InferredBody {
  const keys = [...stateDict.keys()];
  const stems = keys.filter((key) => key === STEM || key.endsWith(`.${STEM}`));
  if (stems.length !== 1) {
    fail(
      stems.length === 0
        ? `a DenseNet state_dict must have a '${STEM}' key (optionally prefixed), found none among ${keys.length} keys`
        : `a state_dict must hold one DenseNet, found ${stems.length} '${STEM}' keys: ${stems.join(', ')}`,
    );
  }
  const stemKey = stems[0]!;
  const prefix = stemKey.slice(0, stemKey.length - STEM.length);
  const stem = stateDict.get(stemKey)!;
  if (stem.shape.length !== 5 || stem.shape.slice(2).some((size) => size !== 7)) {
    fail(
      `'${stemKey}' must be a 3D 7³ convolution [init, in, 7, 7, 7], got [${stem.shape}]`,
      stemKey,
      stem.shape,
    );
  }
  const [initFeatures, inChannels] = stem.shape as [number, number];
  const blocks = countIndexed(keys, (block) => `${prefix}${denseBlockName(block)}`);
  if (blocks === 0) fail(`no '${prefix}${denseBlockName(1)}.*' keys: not a DenseNet`);
  const blockConfig: number[] = [];
  for (let block = 1; block <= blocks; block += 1) {
    const layers = countIndexed(keys, (layer) => `${prefix}${denseLayerName(block, layer)}`);
    if (layers === 0) fail(`'${prefix}${denseBlockName(block)}' has no dense layers`);
    blockConfig.push(layers);
  }
  const first = `${prefix}${denseLayerName(1, 1)}`;
  const naming = (['monai', 'torchvision', 'torchvision-legacy'] as const).find((candidate) =>
    stateDict.has(denseLayerKey(candidate, first, 'conv1', 'weight')),
  );
  if (naming === undefined)
    fail(`no convolution weights under '${first}' (MONAI '.layers.conv1' or torchvision '.conv1')`);
  const conv1Key = denseLayerKey(naming, first, 'conv1', 'weight');
  const conv2Key = denseLayerKey(naming, first, 'conv2', 'weight');
  const conv1 = stateDict.get(conv1Key)!;
  const conv2 = stateDict.get(conv2Key);
  if (conv2 === undefined) fail(`'${conv2Key}' is missing`, conv2Key);
  if (conv2.shape.length !== 5 || conv1.shape.length !== 5) {
    fail(
      `dense-layer convolutions must be 5D, got [${conv1.shape}] and [${conv2.shape}]`,
      conv1Key,
      conv1.shape,
    );
  }
  const growthRate = conv2.shape[0]!;
  const bottleneck = conv1.shape[0]!;
  if (bottleneck % growthRate !== 0) {
    fail(
      `the bottleneck width ${bottleneck} must be a multiple of the growth rate ${growthRate}`,
      conv1Key,
      conv1.shape,
    );
  }
  return {
    body: {
      inChannels,
      initFeatures,
      growthRate,
      blockConfig,
      bnSize: bottleneck / growthRate,
      dropoutProb: 0,
    },
    prefix,
    naming,
  };
}
