import type * as tf from '@tensorflow/tfjs-core';
import type { LayerContext } from './layers';
import type { ParameterSpec } from './parameter-spec';

/** What a module of the network is (its MONAI counterpart). */
export type ModuleKind =
  | 'convolution'
  | 'batch-norm'
  | 'activation'
  | 'pool'
  | 'dense-layer'
  | 'dense-block'
  | 'transition'
  | 'global-pool'
  | 'linear';

/**
 * One named piece of the network, declared once as MONAI declares an `nn.Module`: the weights it
 * owns and the forward step that uses them, side by side. The network is a list of these (see
 * `denseNetModules`); parameter specs, stage names, output sizes and the Grad-CAM layer are read
 * off that list.
 */
export interface Module {
  /** MONAI module name, the prefix of its state_dict keys (`features.denseblock1`, …). */
  readonly name: string;
  readonly kind: ModuleKind;
  /** The weights this module owns (its submodules' included), in state_dict order. */
  readonly parameters: readonly ParameterSpec[];
  /** Channels of the output. */
  readonly outputChannels: number;
  /** Spatial extent of the output along an axis of `size` voxels. */
  outputSize(size: number): number;
  /**
   * The forward step. Must not dispose `x`; disposes its own intermediates; returns a new tensor
   * (or `x` itself only for an identity).
   */
  forward(x: tf.Tensor, context: LayerContext): tf.Tensor;
  /**
   * The memory-efficient training step (model/memory-efficient.ts), when the module has one:
   * the same numbers as `forward` in training, less kept for the backward pass.
   */
  readonly efficient?: EfficientForward;
}

/** A module's memory-efficient training step (Pleiss et al. 2017), one custom-gradient op. */
export interface EfficientForward {
  /**
   * How many modules, this one first, the step runs (default 1): the stem's `norm0` → `relu0`
   * → `pool0` is one step, its output the last module's.
   */
  readonly spans?: number;
  forward(x: tf.Tensor, context: LayerContext): tf.Tensor;
}

/** The spatial size unchanged (a module that keeps the grid). */
export function sameSize(size: number): number {
  return size;
}
