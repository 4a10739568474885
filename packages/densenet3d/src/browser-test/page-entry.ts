// Bundled for the headless-browser test: loads a checkpoint over HTTP and predicts.
import '@tensorflow/tfjs-backend-cpu';
import { predictedClass, probabilitiesFromLogits } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpointFromUrl } from '../index';

async function predict(checkpointUrl: string, inputUrl: string) {
  await tf.setBackend('cpu');
  const { model, metadata } = await loadCheckpointFromUrl(checkpointUrl);
  const data = new Float32Array(await (await fetch(inputUrl)).arrayBuffer());
  const [d, h, w] = metadata.preprocessing.size;
  const x = tf.tensor5d(data, [1, d, h, w, 1]);
  const { logits } = model.forward(x);
  const result = model.config.heads.map((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    return {
      task: head.task,
      logits: values,
      predicted:
        head.classes[predictedClass(head.kind, probabilitiesFromLogits(head.kind, values))],
    };
  });
  tf.dispose([x, ...logits]);
  model.dispose();
  return result;
}

(globalThis as unknown as { ctfPredict: typeof predict }).ctfPredict = predict;
