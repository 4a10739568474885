import { SquaredDifference } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: SquaredDifference on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const squaredDifferenceConfig = binaryKernelConfig(SquaredDifference, 'squaredDifference');
