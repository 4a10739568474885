import * as tf from '@tensorflow/tfjs-core';
import '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

await tf.setBackend('onednn');
const b = makeDenseNetBench({ size: 64, batch: 2, fusedAdam: true });
b.trainStep();
b.trainStep();
const t0 = performance.now();
for (let i = 0; i < 8; i++) b.trainStep();
console.log('per step', ((performance.now() - t0) / 8).toFixed(0));
