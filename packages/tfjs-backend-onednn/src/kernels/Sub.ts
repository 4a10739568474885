import { Sub } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: Sub on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const subConfig = binaryKernelConfig(Sub, 'sub');
