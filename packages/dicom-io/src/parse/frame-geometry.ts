import type { Vec3 } from '../volume';
import type { FrameGeometry } from './dicom-image-file';
import type { ValueReader } from './read-values';
import { TAG } from './tags';

/** Readers to look a value up in, in order (per-frame group, shared group, top level). */
type Sources = (ValueReader | undefined)[];

function find(sources: Sources, key: string): ValueReader | undefined {
  return sources.find((source) => source?.has(key));
}

/** The geometry of one frame, looked up in `sources` in order; errors name `fallback`'s file. */
export function readFrameGeometry(sources: Sources, fallback: ValueReader): FrameGeometry {
  const at = (key: string) => find(sources, key) ?? fallback;
  const position = at(TAG.imagePositionPatient).decimals(TAG.imagePositionPatient, 3) as Vec3;
  const orientation = at(TAG.imageOrientationPatient).decimals(
    TAG.imageOrientationPatient,
    6,
  ) as FrameGeometry['orientation'];
  const spacing = at(TAG.pixelSpacing).decimals(TAG.pixelSpacing, 2);
  if (spacing.some((value) => !(value > 0))) {
    throw fallback.bad(TAG.pixelSpacing, spacing, 'two positive spacings in mm');
  }
  const thickness = find(sources, TAG.sliceThickness)?.decimals(TAG.sliceThickness, 1)[0];
  const slope = at(TAG.rescaleSlope).decimals(TAG.rescaleSlope, 1, [1])[0]!;
  const intercept = at(TAG.rescaleIntercept).decimals(TAG.rescaleIntercept, 1, [0])[0]!;
  return {
    positionMm: position,
    orientation,
    pixelSpacingMm: [spacing[0]!, spacing[1]!],
    sliceThicknessMm: thickness,
    slope,
    intercept,
  };
}

/**
 * Per-frame geometry of an enhanced multi-frame image (PS3.3 C.7.6.16): each value from the
 * frame's functional group, else the shared one.
 */
export function readFunctionalGroups(top: ValueReader, frameCount: number): FrameGeometry[] {
  const shared = top.item(TAG.sharedFunctionalGroups);
  const perFrame = top.dataSet.elements[TAG.perFrameFunctionalGroups]?.items ?? [];
  if (perFrame.length !== frameCount) {
    throw top.bad(
      TAG.perFrameFunctionalGroups,
      perFrame.length,
      `one item per frame (NumberOfFrames ${frameCount})`,
    );
  }
  const frames: FrameGeometry[] = [];
  for (let index = 0; index < frameCount; index++) {
    const frame = top.item(TAG.perFrameFunctionalGroups, index);
    const groups = (sequence: string): Sources => [frame?.item(sequence), shared?.item(sequence)];
    frames.push(
      readFrameGeometry(
        [
          ...groups(TAG.planePositionSequence),
          ...groups(TAG.planeOrientationSequence),
          ...groups(TAG.pixelMeasuresSequence),
          ...groups(TAG.pixelValueTransformationSequence),
          top,
        ],
        top,
      ),
    );
  }
  return frames;
}
