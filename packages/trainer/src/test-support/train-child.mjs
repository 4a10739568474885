// A training process for crash tests: `node [--import kill-at-fs-step.mjs] train-child.mjs JSON`
// with JSON = {"config": <TrainConfigInput>, "resume"?: <run folder>}. It runs the built package's
// `train` on the cpu backend — what `ct-fracture train [--resume]` runs, without the CLI's start-up
// cost — and exits 0, or 1 with the error's message on stderr.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { parseTrainConfig, train } from '../../dist/index.js';

const { config, resume } = JSON.parse(process.argv[2]);
await tf.setBackend('cpu');
let resumedFromEpoch = null;
try {
  const result = await train(parseTrainConfig(config), {
    resume,
    onProgress: (event) => {
      if (event.type === 'start') resumedFromEpoch = event.resumedFromEpoch;
    },
  });
  const summary = { reason: result.reason, runDir: result.runDir, resumedFromEpoch };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
