import type { Anatomy } from '../anatomy/anatomy';
import type { BoneModel, Bounds } from '../anatomy/bone-model';
import type { FracturePlan } from '../fracture/fracture-plan';
import { bonePointsInRegion } from '../fracture/region-points';
import { applyPoint, compose, invert, type Rigid, toRowMajor34 } from '../math/rigid';
import type { Vec3 } from '../math/vec3';
import type { RasterSolid } from '../raster/bone-pass';
import { FRAGMENT_LABEL, humerusFragments } from './fragments';

/** A phantom's bones, how they are broken, and the pose that places them in the world. */
export interface PhantomScene {
  anatomy: Anatomy;
  humerus: BoneModel;
  scapula: BoneModel;
  plan: FracturePlan;
  /** Canonical frame → world (RAS+ mm): side mirror, small rotation, table offset. */
  pose: Rigid;
}

/** How far down the shaft pieces are rasterised, mm below the surgical neck (beyond any field of view). */
const SHAFT_REACH_MM = 160;

/** The world bounds (mm) of a box's eight corners moved by `m`. */
export function transformBounds(bounds: Bounds, m: Rigid): Bounds {
  const out: Bounds = {
    min: [Infinity, Infinity, Infinity],
    max: [-Infinity, -Infinity, -Infinity],
  };
  for (let corner = 0; corner < 8; corner++) {
    const p: Vec3 = [
      corner & 1 ? bounds.max[0] : bounds.min[0],
      corner & 2 ? bounds.max[1] : bounds.min[1],
      corner & 4 ? bounds.max[2] : bounds.min[2],
    ];
    const q = applyPoint(m, p);
    for (let axis = 0; axis < 3; axis++) {
      out.min[axis] = Math.min(out.min[axis]!, q[axis]!);
      out.max[axis] = Math.max(out.max[axis]!, q[axis]!);
    }
  }
  return out;
}

function pad(bounds: Bounds, mm: number): Bounds {
  return {
    min: bounds.min.map((v) => v - mm) as Vec3,
    max: bounds.max.map((v) => v + mm) as Vec3,
  };
}

/**
 * The scene's pieces ready to rasterise: each humeral fragment (with native
 * bounds found by sampling its bone on a 2 mm grid) and the scapula, with
 * their world → native transforms.
 * @example
 * bonePass(grid, sceneSolids(scene), tissue);
 */
export function sceneSolids(scene: PhantomScene): RasterSolid[] {
  const { humerus, scapula, pose } = scene;
  const limited: Bounds = {
    min: [
      humerus.bounds.min[0],
      humerus.bounds.min[1],
      scene.anatomy.surgicalNeckZMm - SHAFT_REACH_MM,
    ],
    max: humerus.bounds.max,
  };
  const solids: RasterSolid[] = [];
  for (const fragment of humerusFragments(scene.plan)) {
    let native = limited;
    if (fragment.region !== null) {
      const points = bonePointsInRegion(humerus, fragment.region, limited, 2);
      if (points.length === 0) continue;
      native = { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
      for (const p of points) {
        for (let axis = 0; axis < 3; axis++) {
          native.min[axis] = Math.min(native.min[axis]!, p[axis]!);
          native.max[axis] = Math.max(native.max[axis]!, p[axis]!);
        }
      }
      native = pad(native, 3);
    }
    const toWorld = compose(pose, fragment.motion);
    solids.push({
      bone: humerus,
      region: fragment.region,
      worldToNative: toRowMajor34(invert(toWorld)),
      worldBounds: transformBounds(native, toWorld),
      label: FRAGMENT_LABEL[fragment.name],
    });
  }
  solids.push({
    bone: scapula,
    region: null,
    worldToNative: toRowMajor34(invert(pose)),
    worldBounds: transformBounds(scapula.bounds, pose),
    label: FRAGMENT_LABEL.scapula,
  });
  return solids;
}
