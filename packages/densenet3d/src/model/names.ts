/** MONAI's `DenseNet.features` Sequential: every body weight's key starts with `features.`. */
export const FEATURES = 'features';

/**
 * The module names of the DenseNet — MONAI's (`monai.networks.nets.DenseNet`), so that weights
 * are state_dict keys and PyTorch import is a transpose. Written once: the modules are named with
 * these and the PyTorch importer reads keys with them.
 */
export const MODULE_NAMES = {
  stemConvolution: `${FEATURES}.conv0`,
  stemNorm: `${FEATURES}.norm0`,
  stemRelu: `${FEATURES}.relu0`,
  stemPool: `${FEATURES}.pool0`,
  finalNorm: `${FEATURES}.norm5`,
  finalRelu: 'class_layers.relu',
  globalPool: 'class_layers.flatten',
} as const;

/** The prefix of a dense block's modules and of its layers' names. */
const DENSE_BLOCK_PREFIX = `${FEATURES}.denseblock`;
/** The segment that names a dense layer inside its block. */
const DENSE_LAYER_SEGMENT = 'denselayer';

/** Dense block `block` (1-based): `features.denseblock<block>`. */
export function denseBlockName(block: number): string {
  return `${DENSE_BLOCK_PREFIX}${block}`;
}

/** Dense layer `layer` (1-based) of a block: `features.denseblock<block>.denselayer<layer>`. */
export function denseLayerName(block: number, layer: number): string {
  return `${denseBlockName(block)}.${DENSE_LAYER_SEGMENT}${layer}`;
}

/** The transition after dense block `block` (1-based): `features.transition<block>`. */
export function transitionName(block: number): string {
  return `${FEATURES}.transition${block}`;
}

/** The Linear head of a task: `heads.<task>`. */
export function headName(task: string): string {
  return `heads.${task}`;
}

/** The parts of a dense layer, in forward order (MONAI `_DenseLayer.layers`). */
export const DENSE_LAYER_PARTS = ['norm1', 'conv1', 'norm2', 'conv2'] as const;

/** A part of a dense layer. */
export type DenseLayerPart = (typeof DENSE_LAYER_PARTS)[number];

/** A part's module name: `<layer>.layers.<part>` (MONAI wraps them in a `layers` Sequential). */
export function denseLayerPartName(layer: string, part: DenseLayerPart): string {
  return `${layer}.layers.${part}`;
}

const DENSE_LAYER_KEY = new RegExp(
  `^(${DENSE_BLOCK_PREFIX.replaceAll('.', '\\.')}\\d+\\.${DENSE_LAYER_SEGMENT}\\d+)\\.layers\\.(${DENSE_LAYER_PARTS.join('|')})\\.(\\w+)$`,
);

/**
 * The dense layer, part and parameter of a dense-layer weight key (the inverse of
 * {@link denseLayerPartName}), or null for any other key.
 * @example
 * parseDenseLayerKey('features.denseblock1.denselayer2.layers.conv1.weight');
 * // { layer: 'features.denseblock1.denselayer2', part: 'conv1', parameter: 'weight' }
 */
export function parseDenseLayerKey(
  key: string,
): { layer: string; part: DenseLayerPart; parameter: string } | null {
  const match = DENSE_LAYER_KEY.exec(key);
  if (match === null) return null;
  return { layer: match[1]!, part: match[2] as DenseLayerPart, parameter: match[3]! };
}
