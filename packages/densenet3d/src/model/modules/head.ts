import * as tf from '@tensorflow/tfjs-core';
import type { Module } from '../module';
import { headName } from '../names';

/**
 * A task's head: `Linear(features, outputs)` on the pooled features, weight `[features, outputs]`
 * (tfjs layout), logits `[N, outputs]`.
 */
export function linearHead(task: string, features: number, outputs: number): Module {
  const name = headName(task);
  const weight = `${name}.weight`;
  const bias = `${name}.bias`;
  return {
    name,
    kind: 'linear',
    parameters: [
      { key: weight, shape: [features, outputs], role: 'linear-weight', trainable: true },
      { key: bias, shape: [outputs], role: 'linear-bias', trainable: true },
    ],
    outputChannels: outputs,
    outputSize: () => 1,
    forward(x, context) {
      const product = tf.matMul(x as tf.Tensor2D, context.weight(weight) as tf.Tensor2D);
      const output = tf.add(product, context.weight(bias));
      product.dispose();
      return output;
    },
  };
}
