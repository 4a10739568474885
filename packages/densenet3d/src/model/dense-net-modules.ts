import { logitCount } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import type { DenseNetBodyConfig } from '../presets';
import type { DenseNetConfig } from './config';
import type { Module } from './module';
import { batchNorm } from './modules/batch-norm';
import { denseBlock } from './modules/dense-block';
import { linearHead } from './modules/head';
import { stem } from './modules/stem';
import { transition } from './modules/transition';
import { MODULE_NAMES } from './names';
import type { ParameterSpec } from './parameter-spec';

/**
 * The body of a DenseNet as named stages in execution order — MONAI's `DenseNet.features` then
 * `class_layers` up to the pooled features: `features.conv0`, `features.norm0`, `features.relu0`,
 * `features.pool0`, `features.denseblockN` (and `features.transitionN` after every block but the
 * last), `features.norm5`, `class_layers.relu`, `class_layers.flatten` (global average pool over
 * D, H, W → `[N, C]`). Each stage declares its weights with its forward step.
 * @example
 * bodyModules(densenetPreset('densenet121')).map((stage) => stage.name);
 */
export function bodyModules(body: DenseNetBodyConfig): Module[] {
  const stages = stem(body.inChannels, body.initFeatures);
  let channels = body.initFeatures;
  body.blockConfig.forEach((layers, index) => {
    const block = denseBlock(index + 1, layers, channels, body.growthRate, body.bnSize);
    stages.push(block);
    channels = block.outputChannels;
    if (index < body.blockConfig.length - 1) {
      const after = transition(index + 1, channels);
      stages.push(after);
      channels = after.outputChannels;
    }
  });
  stages.push(
    batchNorm(MODULE_NAMES.finalNorm, channels),
    {
      name: MODULE_NAMES.finalRelu,
      kind: 'activation',
      parameters: [],
      outputChannels: channels,
      outputSize: (size) => size,
      forward: (x) => tf.relu(x),
    },
    {
      name: MODULE_NAMES.globalPool,
      kind: 'global-pool',
      parameters: [],
      outputChannels: channels,
      outputSize: () => 1,
      forward: (x) => tf.mean(x, [1, 2, 3]),
    },
  );
  return stages;
}

/** The heads of a network, one `Linear` per task in task order, on the pooled features. */
export function headModules(config: DenseNetConfig): Module[] {
  const features = featureChannels(config.body);
  return config.heads.map((head) => linearHead(head.task, features, logitCount(head)));
}

/**
 * Every weight of the network in MONAI's state_dict order (heads last, in task order), as the
 * modules declare them.
 * @example
 * parameterSpecs(config)[0].key; // 'features.conv0.weight'
 */
export function parameterSpecs(config: DenseNetConfig): ParameterSpec[] {
  return [...bodyModules(config.body), ...headModules(config)].flatMap(
    (module) => module.parameters,
  );
}

/**
 * Channels of the pooled feature vector (the heads' input): each block adds `layers × growth`,
 * each transition halves.
 * @example
 * featureChannels(densenetPreset('densenet121')); // 1024
 */
export function featureChannels(body: DenseNetBodyConfig): number {
  return bodyModules(body).at(-1)!.outputChannels;
}

/**
 * Spatial size of the last feature map (before global pooling) for an input size: stem
 * ⌊(s−1)/2⌋+1, max pool ⌊(s−1)/2⌋+1, each transition ⌊s/2⌋. A usable input gives at least 1.
 * @example
 * outputSpatialSize(128, densenetPreset('densenet121')); // 4
 */
export function outputSpatialSize(inputSize: number, body: DenseNetBodyConfig): number {
  return bodyModules(body)
    .filter((stage) => stage.kind !== 'global-pool')
    .reduce((size, stage) => stage.outputSize(size), inputSize);
}

/**
 * Number of trainable parameters (PyTorch `sum(p.numel() for p in model.parameters())`;
 * running statistics excluded unless `includeBuffers`).
 * @example
 * countParameters({ body: densenetPreset('densenet121'), heads }); // 11 242 624 + heads
 */
export function countParameters(config: DenseNetConfig, includeBuffers = false): number {
  return parameterSpecs(config)
    .filter((spec) => includeBuffers || spec.trainable)
    .reduce((total, spec) => total + spec.shape.reduce((product, size) => product * size, 1), 0);
}

/**
 * The Grad-CAM layer used when none is given: the output of the last dense block, before the
 * final norm (`features.denseblock4` for DenseNet121) — the most semantic feature map that still
 * has a spatial extent (input / 32 per axis for four blocks).
 * @example
 * defaultGradCamLayer(densenetPreset('densenet121')); // 'features.denseblock4'
 */
export function defaultGradCamLayer(body: DenseNetBodyConfig): string {
  return bodyModules(body).findLast((stage) => stage.kind === 'dense-block')!.name;
}
