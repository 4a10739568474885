import { Square } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Square on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const squareConfig = unaryKernelConfig(Square, 'square');
