import type { KernelConfig } from '@tensorflow/tfjs-core';
import { absConfig } from './Abs';
import { addConfig } from './Add';
import { addNConfig } from './AddN';
import { avgPool3DConfig } from './AvgPool3D';
import { avgPool3DGradConfig } from './AvgPool3DGrad';
import { batchMatMulConfig } from './BatchMatMul';
import { concatConfig } from './Concat';
import { conv3DConfig } from './Conv3D';
import { conv3DBackpropFilterV2Config } from './Conv3DBackpropFilterV2';
import { conv3DBackpropInputV2Config } from './Conv3DBackpropInputV2';
import { ctfAdamUpdateConfig, ctfMultiAdamUpdateConfig } from './CtfAdamUpdate';
import { ctfBatchNormBackwardConfig } from './CtfBatchNormBackward';
import { ctfBatchNormForwardConfig } from './CtfBatchNormForward';
import { ctfBatchNormReluBackwardConfig } from './CtfBatchNormReluBackward';
import { ctfBatchNormReluForwardConfig } from './CtfBatchNormReluForward';
import { ctfDenseLayerBackwardConfig, ctfDenseLayerForwardConfig } from './CtfDenseLayer';
import { ctfReluBackwardConfig } from './CtfReluBackward';
import { expConfig } from './Exp';
import { fusedBatchNormConfig } from './FusedBatchNorm';
import { logConfig } from './Log';
import { maximumConfig } from './Maximum';
import { maxPool3DConfig } from './MaxPool3D';
import { maxPool3DGradConfig } from './MaxPool3DGrad';
import { meanConfig } from './Mean';
import { minimumConfig } from './Minimum';
import { multiplyConfig } from './Multiply';
import { negConfig } from './Neg';
import { padV2Config } from './PadV2';
import { realDivConfig } from './RealDiv';
import { reciprocalConfig } from './Reciprocal';
import { reluConfig } from './Relu';
import { rsqrtConfig } from './Rsqrt';
import { sigmoidConfig } from './Sigmoid';
import { sliceConfig } from './Slice';
import { splitVConfig } from './SplitV';
import { sqrtConfig } from './Sqrt';
import { squareConfig } from './Square';
import { squaredDifferenceConfig } from './SquaredDifference';
import { stepConfig } from './Step';
import { subConfig } from './Sub';
import { sumConfig } from './Sum';

/** Every kernel the `onednn` backend runs natively (the rest are tfjs-backend-cpu's). */
export const nativeKernelConfigs: readonly KernelConfig[] = [
  conv3DConfig,
  conv3DBackpropInputV2Config,
  conv3DBackpropFilterV2Config,
  maxPool3DConfig,
  maxPool3DGradConfig,
  avgPool3DConfig,
  avgPool3DGradConfig,
  ctfBatchNormForwardConfig,
  ctfBatchNormBackwardConfig,
  ctfBatchNormReluForwardConfig,
  ctfBatchNormReluBackwardConfig,
  ctfDenseLayerForwardConfig,
  ctfDenseLayerBackwardConfig,
  ctfReluBackwardConfig,
  ctfAdamUpdateConfig,
  ctfMultiAdamUpdateConfig,
  fusedBatchNormConfig,
  reluConfig,
  stepConfig,
  sqrtConfig,
  rsqrtConfig,
  squareConfig,
  negConfig,
  absConfig,
  expConfig,
  logConfig,
  reciprocalConfig,
  sigmoidConfig,
  addConfig,
  subConfig,
  multiplyConfig,
  realDivConfig,
  maximumConfig,
  minimumConfig,
  squaredDifferenceConfig,
  addNConfig,
  concatConfig,
  sliceConfig,
  splitVConfig,
  padV2Config,
  batchMatMulConfig,
  sumConfig,
  meanConfig,
];
