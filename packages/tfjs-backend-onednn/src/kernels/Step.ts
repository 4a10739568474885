import { Step } from '@tensorflow/tfjs-core';
import { unaryKernelConfig } from './shared/unary-kernel';

/** Kernel config: Step on `onednn` (float32 natively, other dtypes on the cpu kernel). */
export const stepConfig = unaryKernelConfig(Step, 'step');
