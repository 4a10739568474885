import { Minimum } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: Minimum on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const minimumConfig = binaryKernelConfig(Minimum, 'minimum');
