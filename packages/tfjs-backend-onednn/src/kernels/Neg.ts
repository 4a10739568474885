import { Neg } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Neg on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const negConfig = unaryKernelConfig(Neg, 'neg');
