import { CtfReluBackward } from '@ct-fracture/core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { OneDnnError } from '../errors/onednn-error';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfReluBackward. */
export interface CtfReluBackwardInputs {
  dy?: TensorInfo;
  y?: TensorInfo;
}

/**
 * The ReLU gradient from the ReLU's output, natively: dx = dy · step(y) in one pass (tfjs
 * computes it as Step, Cast and Multiply).
 * @throws {OneDnnError} `invalid-input` unless dy and y are float32 of one size.
 */
export function ctfReluBackward(
  args: OneDnnKernelArgs<CtfReluBackwardInputs, unknown>,
): TensorInfo {
  const { inputs, backend } = args;
  const { dy, y } = inputs;
  const dyValues = dy?.dtype === 'float32' ? backend.float32(dy.dataId) : undefined;
  const yValues = y?.dtype === 'float32' ? backend.float32(y.dataId) : undefined;
  if (dy === undefined || dyValues === undefined || yValues?.length !== dyValues.length) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${CtfReluBackward} needs float32 dy and y of one size, got ${dy === undefined ? 'no dy' : `${dy.dtype} [${dy.shape}]`} and ${y === undefined ? 'no y' : `${y.dtype} [${y.shape}]`}`,
      where: CtfReluBackward,
    });
  }
  const dx = backend.allocate(dyValues.length);
  backend.native.reluBackward(dyValues, yValues, dx, dx.length);
  return backend.makeTensorInfo(dy.shape, 'float32', dx);
}

/** Kernel config: CtfReluBackward on `onednn`. */
export const ctfReluBackwardConfig = oneDnnKernel(CtfReluBackward, ctfReluBackward);
