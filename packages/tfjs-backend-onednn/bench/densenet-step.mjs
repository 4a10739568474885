// A DenseNet121 training step and an inference pass on TensorFlow.js, shared by the
// benchmark scripts: forward in training mode, the sum of one loss per head (softmax
// cross-entropy for multiclass heads, sigmoid cross-entropy for binary ones), backward,
// and an Adam update (lr 5e-4) — what a PyTorch training step does. With `fusedAdam` the update
// is the CtfMultiAdamUpdate kernel, as @ct-fracture/trainer's AdamOptimizer (which `ct-fracture bench`
// uses) does on onednn; without it, the trainer's element-wise fallback, op for op.
import { createDenseNet3d, densenetPreset } from '@ct-fracture/densenet3d';
import '@ct-fracture/densenet3d/register-gradients';
import * as tf from '@tensorflow/tfjs-core';

/** The default label specification's six heads. */
export const HEADS = [
  { task: 'fracture_parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { task: 'dislocation', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'gt_displacement', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'shaft_translation', kind: 'multiclass', classes: ['none', 'substantial', 'complete'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'articular', kind: 'multiclass', classes: ['none-rim', 'subcritical', 'headsplit'] },
];

/** A seeded DenseNet with the six heads, an input batch, targets, and step/infer closures. */
export function makeDenseNetBench({
  preset = 'densenet121',
  size,
  batch,
  seed = 1,
  fusedAdam = false,
  memoryEfficient = true,
}) {
  const model = createDenseNet3d({ body: densenetPreset(preset), heads: HEADS }, { seed });
  const x = tf.randomUniform([batch, size, size, size, 1], 0, 1, 'float32', seed);
  const targets = HEADS.map((head, h) =>
    head.kind === 'binary'
      ? tf.tensor2d(
          Array.from({ length: batch }, (_, i) => (i + h) % 2),
          [batch, 1],
        )
      : tf.oneHot(
          tf.tensor1d(
            Array.from({ length: batch }, (_, i) => (i + h) % head.classes.length),
            'int32',
          ),
          head.classes.length,
        ),
  );
  const variables = model.trainableVariables();
  const moments = variables.map((v) => [
    tf.variable(tf.zerosLike(v), false),
    tf.variable(tf.zerosLike(v), false),
  ]);
  let t = 0;
  // @ct-fracture/trainer's AdamOptimizer.apply, op for op (fused on onednn, else element-wise).
  const adam = (grads, lr = 5e-4, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) => {
    t += 1;
    const stepSize = lr / (1 - beta1 ** t);
    const bias2 = Math.sqrt(1 - beta2 ** t);
    if (fusedAdam) {
      // The CtfMultiAdamUpdate kernel: every parameter in one native call each, one kernel call.
      const inputs = {};
      variables.forEach((variable, i) => {
        const suffix = i === 0 ? '' : String(i);
        inputs[`param${suffix}`] = variable;
        inputs[`grad${suffix}`] = grads[variable.name];
        inputs[`m${suffix}`] = moments[i][0];
        inputs[`v${suffix}`] = moments[i][1];
      });
      // In place where the backend can (the trainer's inPlace): an int32 flag per parameter,
      // then param', m', v' of each parameter not updated in place.
      const outputs = tf.engine().runKernel('CtfMultiAdamUpdate', inputs, {
        learningRate: lr,
        beta1,
        beta2,
        epsilon: eps,
        step: t,
        weightDecay: 0,
        decoupledWeightDecay: false,
        inPlace: true,
      });
      const flags = outputs[0].dataSync();
      let next = 1;
      variables.forEach((variable, i) => {
        if (flags[i] === 1) return;
        variable.assign(outputs[next]);
        moments[i][0].assign(outputs[next + 1]);
        moments[i][1].assign(outputs[next + 2]);
        next += 3;
      });
      tf.dispose(outputs);
      return;
    }
    variables.forEach((variable, i) => {
      const g = grads[variable.name];
      const [m, v] = moments[i];
      tf.tidy(() => {
        const nextM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const nextV = tf.add(tf.mul(v, beta2), tf.mul(tf.mul(g, g), 1 - beta2));
        const denominator = tf.add(tf.div(tf.sqrt(nextV), bias2), eps);
        m.assign(nextM);
        v.assign(nextV);
        variable.assign(tf.sub(variable, tf.mul(tf.div(nextM, denominator), stepSize)));
      });
    });
  };
  const optimizer = {
    minimize(f) {
      const { value, grads } = tf.variableGrads(f, variables);
      adam(grads);
      tf.dispose(Object.values(grads));
      return value;
    },
    dispose() {
      tf.dispose(moments.flat());
    },
  };
  const loss = () =>
    tf.tidy(() => {
      const { logits } = model.forward(x, { training: true, memoryEfficient });
      const terms = logits.map((l, h) =>
        HEADS[h].kind === 'binary'
          ? tf.losses.sigmoidCrossEntropy(targets[h], l)
          : tf.losses.softmaxCrossEntropy(targets[h], l),
      );
      return tf.addN(terms);
    });
  return {
    model,
    /** One training step; returns the loss value. */
    trainStep() {
      const value = optimizer.minimize(loss);
      const v = value.dataSync()[0];
      value.dispose();
      return v;
    },
    /** One inference pass at `inferSize` (batch 1). */
    infer(input) {
      const { logits } = model.forward(input, { training: false });
      const out = logits.map((l) => l.dataSync());
      tf.dispose(logits);
      return out;
    },
    dispose() {
      tf.dispose([x, ...targets]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** Forward FLOPs of the convolutions (2·MACs) for one volume of `size`³, from the model's shapes. */
export function convFlopsPerVolume(model, size) {
  // Trace the forward pass's conv shapes with tf.profile on a tiny batch would cost a pass;
  // compute them from the architecture instead (MONAI DenseNet, 1 input channel).
  const body = model.config.body;
  let s = Math.floor((size + 6 - 7) / 2) + 1; // stem 7³ stride 2 pad 3
  let flops = 2 * s ** 3 * 7 ** 3 * body.inChannels * body.initFeatures;
  s = Math.floor((s + 2 - 3) / 2) + 1; // max pool 3, stride 2, pad 1
  let channels = body.initFeatures;
  const bottleneck = body.bnSize * body.growthRate;
  body.blockConfig.forEach((layers, b) => {
    for (let l = 0; l < layers; l++) {
      flops += 2 * s ** 3 * channels * bottleneck; // 1³
      flops += 2 * s ** 3 * 27 * bottleneck * body.growthRate; // 3³
      channels += body.growthRate;
    }
    if (b < body.blockConfig.length - 1) {
      flops += 2 * s ** 3 * channels * Math.floor(channels / 2);
      channels = Math.floor(channels / 2);
      s = Math.floor(s / 2);
    }
  });
  return flops;
}
