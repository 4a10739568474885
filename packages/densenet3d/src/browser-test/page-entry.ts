// Bundled for the headless-browser test: loads a checkpoint over HTTP and predicts, applying
// its calibration and operating points as the viewer will.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { classifyLogits, loadCheckpointFromUrl, taskDecision } from '../index';

async function predict(checkpointUrl: string, inputUrl: string) {
  await tf.setBackend('cpu');
  const { model, metadata } = await loadCheckpointFromUrl(checkpointUrl);
  const data = new Float32Array(await (await fetch(inputUrl)).arrayBuffer());
  const [d, h, w] = metadata.preprocessing.size;
  const x = tf.tensor5d(data, [1, d, h, w, 1]);
  const { logits } = model.forward(x);
  const result = model.config.heads.map((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    const out = classifyLogits(head, values, taskDecision(metadata, head.task));
    return {
      task: head.task,
      logits: values,
      probabilities: out.probabilities,
      predicted: head.classes[out.classIndex],
    };
  });
  tf.dispose([x, ...logits]);
  model.dispose();
  return result;
}

(globalThis as unknown as { ctfPredict: typeof predict }).ctfPredict = predict;
