import { seedFromPath } from '@ct-fracture/core';
import type { Volume } from '@ct-fracture/nifti-io';
import type { Bounds } from '../anatomy/bone-model';
import { centroid } from '../fracture/region-points';
import { applyPoint, compose, invert, toRowMajor34 } from '../math/rigid';
import type { Vec3 } from '../math/vec3';
import { streamRandom } from '../random';
import { blurInPlace } from '../raster/blur';
import { bonePass } from '../raster/bone-pass';
import {
  type AxisCodes,
  chooseImageGrid,
  type ImageGrid,
  type SizePreset,
} from '../raster/image-grid';
import { addNoiseAndQuantise } from '../raster/noise';
import { createSkinDistance } from '../raster/soft-tissue';
import { softTissuePass } from '../raster/soft-tissue-pass';
import { sampleTissueHu, type TissueHu } from '../raster/tissue';
import { sceneSolids } from '../scene/phantom-scene';
import type { CaseGeometry } from './case-geometry';
import { STREAM } from './case-geometry';
import { type CaseRegions, describeRegions, greaterTuberosityWorldPoints } from './case-regions';

/** How a phantom is turned into voxels. */
export interface RenderOptions {
  size: SizePreset;
  /** Axis codes of the written grid; default `'RAS'`. */
  orientation?: AxisCodes;
  /** Add Gaussian noise (default true); off gives the noise-free image tests measure. */
  noise?: boolean;
}

/** A rendered phantom: the CT volume (HU), a label map of its bone pieces, and what made them. */
export interface RenderedCase {
  volume: Volume;
  /** Per voxel (C order like `volume.data`): 0 none, 1 shaft, 2 head/humerus, 3 GT, 4 articular piece, 5 scapula. */
  labelMap: Uint8Array;
  grid: ImageGrid;
  tissue: TissueHu;
  regions: CaseRegions;
}

/** HU range written (int16 with scl_inter −1024 stores 0‥4095). */
export const HU_RANGE: readonly [number, number] = [-1024, 3071];

function compositeInPlace(soft: Float32Array, fraction: Float32Array, boneHu: Float32Array): void {
  for (let v = 0; v < soft.length; v++) {
    const f = fraction[v]!;
    if (f > 0) soft[v] = soft[v]! * (1 - f) + boneHu[v]! * f;
  }
}

function regionOfInterest(geometry: CaseGeometry): Bounds {
  const { scene } = geometry;
  const { anatomy, plan, pose } = scene;
  const headWorld = compose(pose, plan.headMotion);
  const r = anatomy.head.radiusMm * 1.05;
  const head = applyPoint(headWorld, anatomy.head.centre);
  const shaftTop = applyPoint(compose(pose, plan.shaftMotion), [0, 0, anatomy.surgicalNeckZMm]);
  const glenoid = applyPoint(pose, anatomy.glenoid.body.centre);
  const gt = centroid(greaterTuberosityWorldPoints(scene, 3));
  const boxes: [Vec3, number][] = [
    [head, r],
    [glenoid, 12],
    [gt, 8],
    [shaftTop, anatomy.shaft.radiiMm[0] + 2],
  ];
  const roi: Bounds = {
    min: [Infinity, Infinity, Infinity],
    max: [-Infinity, -Infinity, -Infinity],
  };
  for (const [c, radius] of boxes) {
    for (let axis = 0; axis < 3; axis++) {
      roi.min[axis] = Math.min(roi.min[axis]!, c[axis]! - radius);
      roi.max[axis] = Math.max(roi.max[axis]!, c[axis]! + radius);
    }
  }
  return roi;
}

/**
 * Rasterises a phantom: soft tissue, bone pieces with partial volume, a
 * [1, 2, 1] blur, Gaussian noise, then rounding to whole HU in
 * {@link HU_RANGE}. Random choices (grid, tissue values, noise) come from the
 * case seed's own streams, so the result does not depend on anything else.
 * @example
 * const { volume } = renderCase(buildCaseGeometry(design, seed, 'right'), seed, { size: 'small' });
 */
export function renderCase(
  geometry: CaseGeometry,
  seed: number,
  options: RenderOptions,
): RenderedCase {
  const { scene, attempt } = geometry;
  const stream = (name: keyof typeof STREAM) => streamRandom(seed, attempt, STREAM[name]);
  const grid = chooseImageGrid(
    regionOfInterest(geometry),
    scene.anatomy.head.radiusMm,
    options.size,
    options.orientation ?? 'RAS',
    stream('grid'),
  );
  const tissue = sampleTissueHu(stream('tissue'));
  const skin = createSkinDistance(
    scene.anatomy,
    applyPoint(scene.plan.headMotion, scene.anatomy.head.centre),
  );
  const toCanonical = toRowMajor34(invert(scene.pose));
  const m = toCanonical;
  const data = softTissuePass(
    grid,
    (x, y, z) =>
      skin(
        m[0]! * x + m[1]! * y + m[2]! * z + m[3]!,
        m[4]! * x + m[5]! * y + m[6]! * z + m[7]!,
        m[8]! * x + m[9]! * y + m[10]! * z + m[11]!,
      ),
    scene.anatomy.softTissue.fatMm,
    tissue,
  );
  const bone = bonePass(grid, sceneSolids(scene), tissue);
  compositeInPlace(data, bone.fraction, bone.hu);
  blurInPlace(data, grid.shape);
  addNoiseAndQuantise(
    data,
    (options.noise ?? true) ? tissue.noiseSigma : 0,
    seedFromPath(seed, attempt, STREAM.noise),
    HU_RANGE[0],
    HU_RANGE[1],
  );
  return {
    volume: { data, shape: grid.shape, spacingMm: grid.spacingMm, affine: grid.affine },
    labelMap: bone.labels,
    grid,
    tissue,
    regions: describeRegions(scene, grid),
  };
}
