import { Sigmoid } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Sigmoid on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const sigmoidConfig = unaryKernelConfig(Sigmoid, 'sigmoid');
