import { Abs } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Abs on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const absConfig = unaryKernelConfig(Abs, 'abs');
