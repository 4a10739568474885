import { decodeFrame } from '../pixels/decode-frame';
import { type DecodedSlice, SLICE_BLOCK } from './assemble';
import { mapLimited } from './dicom-input';
import { ImageCache } from './image-cache';
import type { LocatedSeries } from './locate-series';

/** Decodes the stack's slices in order, a block at a time (files read again where needed). */
export async function forEachBlock(
  members: LocatedSeries['members'],
  stack: LocatedSeries['stack'],
  onBlock: (k0: number, decoded: DecodedSlice[]) => void,
): Promise<void> {
  const cache = new ImageCache(
    new Map(members.map((member) => [member.file, member])),
    stack.slices,
  );
  for (let k0 = 0; k0 < stack.shape[2]; k0 += SLICE_BLOCK) {
    const block = stack.slices.slice(k0, k0 + SLICE_BLOCK);
    const decoded = await mapLimited(block, SLICE_BLOCK, async (slice): Promise<DecodedSlice> => {
      const samples = await decodeFrame(await cache.get(slice.file), slice.frame);
      cache.release(slice.file);
      return { samples, slope: slice.geometry.slope, intercept: slice.geometry.intercept };
    });
    onBlock(k0, decoded);
  }
}
