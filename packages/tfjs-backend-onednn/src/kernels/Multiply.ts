import { Multiply } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: Multiply on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const multiplyConfig = binaryKernelConfig(Multiply, 'mul');
