import { logitCount } from '@ct-fracture/core';
import { featureChannels } from '../presets';
import type { DenseNetConfig } from './config';

/** What a named weight is, which decides its initialisation and whether it is trained. */
export type ParameterRole =
  | 'conv'
  | 'norm-weight'
  | 'norm-bias'
  | 'norm-running-mean'
  | 'norm-running-var'
  | 'linear-weight'
  | 'linear-bias';

/** One named weight of the network, in tfjs layout. */
export interface ParameterSpec {
  /** MONAI state_dict key (`features.denseblock1.denselayer1.layers.conv1.weight`) or `heads.<task>.weight|bias`. */
  key: string;
  /** Convolutions `[kd, kh, kw, in, out]`; Linear weights `[in, out]`; norms `[C]`. */
  shape: number[];
  role: ParameterRole;
  /** False for the running statistics (buffers in PyTorch). */
  trainable: boolean;
}

function norm(prefix: string, channels: number): ParameterSpec[] {
  return [
    { key: `${prefix}.weight`, shape: [channels], role: 'norm-weight', trainable: true },
    { key: `${prefix}.bias`, shape: [channels], role: 'norm-bias', trainable: true },
    {
      key: `${prefix}.running_mean`,
      shape: [channels],
      role: 'norm-running-mean',
      trainable: false,
    },
    { key: `${prefix}.running_var`, shape: [channels], role: 'norm-running-var', trainable: false },
  ];
}

function conv(key: string, kernel: number, input: number, output: number): ParameterSpec {
  return { key, shape: [kernel, kernel, kernel, input, output], role: 'conv', trainable: true };
}

/**
 * Every weight of the network in MONAI's state_dict order (heads last, in task order).
 * @example
 * parameterSpecs(config)[0].key; // 'features.conv0.weight'
 */
export function parameterSpecs(config: DenseNetConfig): ParameterSpec[] {
  const { body } = config;
  const specs: ParameterSpec[] = [
    conv('features.conv0.weight', 7, body.inChannels, body.initFeatures),
    ...norm('features.norm0', body.initFeatures),
  ];
  let channels = body.initFeatures;
  const bottleneck = body.bnSize * body.growthRate;
  body.blockConfig.forEach((layers, blockIndex) => {
    const block = `features.denseblock${blockIndex + 1}`;
    for (let layer = 1; layer <= layers; layer += 1) {
      const prefix = `${block}.denselayer${layer}.layers`;
      specs.push(
        ...norm(`${prefix}.norm1`, channels),
        conv(`${prefix}.conv1.weight`, 1, channels, bottleneck),
        ...norm(`${prefix}.norm2`, bottleneck),
        conv(`${prefix}.conv2.weight`, 3, bottleneck, body.growthRate),
      );
      channels += body.growthRate;
    }
    if (blockIndex === body.blockConfig.length - 1) {
      specs.push(...norm('features.norm5', channels));
    } else {
      const transition = `features.transition${blockIndex + 1}`;
      const halved = Math.floor(channels / 2);
      specs.push(
        ...norm(`${transition}.norm`, channels),
        conv(`${transition}.conv.weight`, 1, channels, halved),
      );
      channels = halved;
    }
  });
  const features = featureChannels(body);
  for (const head of config.heads) {
    const outputs = logitCount(head);
    specs.push(
      {
        key: `heads.${head.task}.weight`,
        shape: [features, outputs],
        role: 'linear-weight',
        trainable: true,
      },
      { key: `heads.${head.task}.bias`, shape: [outputs], role: 'linear-bias', trainable: true },
    );
  }
  return specs;
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
