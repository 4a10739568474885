import { Relu } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Relu on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const reluConfig = unaryKernelConfig(Relu, 'relu');
