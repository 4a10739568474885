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
