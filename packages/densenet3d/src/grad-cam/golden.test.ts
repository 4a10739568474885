import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { upsampleCam } from './grad-cam';

// Golden values recorded before the trilinear sampler became one: Grad-CAM heatmaps upsampled to
// the model input stay bitwise the same.
function digest(values: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

describe('upsampleCam is unchanged (golden)', () => {
  it.each([
    [
      [4, 4, 4],
      [48, 48, 48],
    ],
    [
      [3, 5, 2],
      [20, 33, 17],
    ],
    [
      [6, 6, 6],
      [5, 9, 6],
    ],
  ] as const)('%j → %j', (layerShape, shape) => {
    const cam = Float32Array.from(
      { length: layerShape[0] * layerShape[1] * layerShape[2] },
      (_, i) => Math.abs(Math.sin(i * 1.37)) * 3,
    );
    expect(digest(upsampleCam(cam, [...layerShape], [...shape]))).toMatchSnapshot();
  });
});
