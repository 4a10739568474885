import { Add } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: Add on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const addConfig = binaryKernelConfig(Add, 'add');
