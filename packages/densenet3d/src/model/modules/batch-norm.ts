import { normalise } from '../layers';
import { type Module, sameSize } from '../module';
import type { ParameterSpec } from '../parameter-spec';

/** The four weights of a batch normalisation (`weight`, `bias`, and the running statistics). */
export function batchNormParameters(name: string, channels: number): ParameterSpec[] {
  return [
    { key: `${name}.weight`, shape: [channels], role: 'norm-weight', trainable: true },
    { key: `${name}.bias`, shape: [channels], role: 'norm-bias', trainable: true },
    { key: `${name}.running_mean`, shape: [channels], role: 'norm-running-mean', trainable: false },
    { key: `${name}.running_var`, shape: [channels], role: 'norm-running-var', trainable: false },
  ];
}

/** `BatchNorm3d(channels)` (PyTorch defaults: ε 1e-5, momentum 0.1). */
export function batchNorm(name: string, channels: number): Module {
  return {
    name,
    kind: 'batch-norm',
    parameters: batchNormParameters(name, channels),
    outputChannels: channels,
    outputSize: sameSize,
    forward: (x, context) => normalise(x, name, context),
  };
}
