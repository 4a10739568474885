import { RealDiv } from '@tensorflow/tfjs-core';
import { binaryKernelConfig } from './shared/binary-kernel';

/** Kernel config: RealDiv on `onednn` (float32 same-shape, scalar and vector broadcasts natively). */
export const realDivConfig = binaryKernelConfig(RealDiv, 'div');
