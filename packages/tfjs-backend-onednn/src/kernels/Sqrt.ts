import { Sqrt } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Sqrt on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const sqrtConfig = unaryKernelConfig(Sqrt, 'sqrt');
