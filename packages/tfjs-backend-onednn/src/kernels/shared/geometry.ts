import type { backend_util } from '@tensorflow/tfjs-core';

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

/**
 * The 24 numbers native/conv.cc reads: [N, inC, D, H, W, outC, kD, kH, kW,
 * outD, outH, outW, strides×3, padBefore×3 (front, top, left), padAfter×3,
 * dilations×3].
 */
export function convGeometry(info: backend_util.Conv3DInfo): number[] {
  const p = info.padInfo;
  return [
    info.batchSize,
    info.inChannels,
    info.inDepth,
    info.inHeight,
    info.inWidth,
    info.outChannels,
    info.filterDepth,
    info.filterHeight,
    info.filterWidth,
    info.outDepth,
    info.outHeight,
    info.outWidth,
    info.strideDepth,
    info.strideHeight,
    info.strideWidth,
    p.front,
    p.top,
    p.left,
    padAfter(info.outDepth, info.strideDepth, info.effectiveFilterDepth, info.inDepth, p.front),
    padAfter(info.outHeight, info.strideHeight, info.effectiveFilterHeight, info.inHeight, p.top),
    padAfter(info.outWidth, info.strideWidth, info.effectiveFilterWidth, info.inWidth, p.left),
    info.dilationDepth,
    info.dilationHeight,
    info.dilationWidth,
  ];
}

/**
 * The 20 numbers native/pool.cc reads: [N, C, D, H, W, outD, outH, outW,
 * kernel×3, strides×3, padBefore×3, padAfter×3].
 */
export function poolGeometry(info: backend_util.Conv3DInfo): number[] {
  const p = info.padInfo;
  return [
    info.batchSize,
    info.inChannels,
    info.inDepth,
    info.inHeight,
    info.inWidth,
    info.outDepth,
    info.outHeight,
    info.outWidth,
    info.filterDepth,
    info.filterHeight,
    info.filterWidth,
    info.strideDepth,
    info.strideHeight,
    info.strideWidth,
    p.front,
    p.top,
    p.left,
    padAfter(info.outDepth, info.strideDepth, info.effectiveFilterDepth, info.inDepth, p.front),
    padAfter(info.outHeight, info.strideHeight, info.effectiveFilterHeight, info.inHeight, p.top),
    padAfter(info.outWidth, info.strideWidth, info.effectiveFilterWidth, info.inWidth, p.left),
  ];
}

/** True when every size of the geometry is a positive integer and padding is non-negative. */
export function isNativeFriendly(info: backend_util.Conv3DInfo): boolean {
  const p = info.padInfo;
  return (
    info.outDepth > 0 &&
    info.outHeight > 0 &&
    info.outWidth > 0 &&
    info.batchSize > 0 &&
    info.inChannels > 0 &&
    p.front >= 0 &&
    p.top >= 0 &&
    p.left >= 0
  );
}
