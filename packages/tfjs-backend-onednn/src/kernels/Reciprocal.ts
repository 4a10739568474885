import { Reciprocal } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Reciprocal on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const reciprocalConfig = unaryKernelConfig(Reciprocal, 'reciprocal');
