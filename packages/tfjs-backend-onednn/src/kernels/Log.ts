import { Log } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Log on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const logConfig = unaryKernelConfig(Log, 'log');
