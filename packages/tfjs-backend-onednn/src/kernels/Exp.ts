import { Exp } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Exp on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const expConfig = unaryKernelConfig(Exp, 'exp');
