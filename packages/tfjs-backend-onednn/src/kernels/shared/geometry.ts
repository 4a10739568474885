import type { backend_util } from '@tensorflow/tfjs-core';
import type { ConvGeometry, PoolGeometry, Triple } from '../../addon/addon-types';

/**
 * Right/bottom/back padding that makes oneDNN's output size formula give
 * exactly tfjs's output size: (out − 1)·stride + effectiveFilter − in − padBefore.
 * (May be smaller than tfjs's nominal padding, or negative, when the last
 * input positions are not read.)
 */
function padAfter(
  out: number,
  stride: number,
  filter: number,
  size: number,
  before: number,
): number {
  return (out - 1) * stride + filter - size - before;
}

/** The padding on both sides of each axis, as oneDNN counts it. */
function padding(info: backend_util.Conv3DInfo): { padBefore: Triple; padAfter: Triple } {
  const p = info.padInfo;
  return {
    padBefore: [p.front, p.top, p.left],
    padAfter: [
      padAfter(info.outDepth, info.strideDepth, info.effectiveFilterDepth, info.inDepth, p.front),
      padAfter(info.outHeight, info.strideHeight, info.effectiveFilterHeight, info.inHeight, p.top),
      padAfter(info.outWidth, info.strideWidth, info.effectiveFilterWidth, info.inWidth, p.left),
    ],
  };
}

/** The convolution geometry native/conv.cc reads by name. */
export function convGeometry(info: backend_util.Conv3DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inChannels: info.inChannels,
    outChannels: info.outChannels,
    input: [info.inDepth, info.inHeight, info.inWidth],
    output: [info.outDepth, info.outHeight, info.outWidth],
    filter: [info.filterDepth, info.filterHeight, info.filterWidth],
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    ...padding(info),
    dilations: [info.dilationDepth, info.dilationHeight, info.dilationWidth],
  };
}

/** The pooling geometry native/pool.cc reads by name. */
export function poolGeometry(info: backend_util.Conv3DInfo): PoolGeometry {
  return {
    batch: info.batchSize,
    channels: info.inChannels,
    input: [info.inDepth, info.inHeight, info.inWidth],
    output: [info.outDepth, info.outHeight, info.outWidth],
    window: [info.filterDepth, info.filterHeight, info.filterWidth],
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    ...padding(info),
  };
}

/**
 * True when the native kernels can run this geometry: every size positive and, unless
 * `negativePadding` (the convolutions crop such inputs natively), no negative padding
 * before the data (tfjs pads 'same' by −1 when the stride exceeds the window).
 */
export function isNativeFriendly(info: backend_util.Conv3DInfo, negativePadding = false): boolean {
  const p = info.padInfo;
  const sizes = [info.outDepth, info.outHeight, info.outWidth, info.batchSize, info.inChannels];
  return sizes.every((s) => s > 0) && (negativePadding || Math.min(p.front, p.top, p.left) >= 0);
}
