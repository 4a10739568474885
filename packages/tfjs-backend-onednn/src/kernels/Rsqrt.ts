import { Rsqrt } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Rsqrt on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const rsqrtConfig = unaryKernelConfig(Rsqrt, 'rsqrt');
