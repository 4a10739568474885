import { Maximum } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: Maximum on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const maximumConfig = binaryKernelConfig(Maximum, 'maximum');
