import type { Bounds } from '../anatomy/bone-model';
import { centroid } from '../fracture/region-points';
import { applyPoint, compose } from '../math/rigid';
import { norm, sub, type Vec3 } from '../math/vec3';
import { greaterTuberosityPoints } from '../measure/gt-displacement';
import type { ImageGrid } from '../raster/image-grid';
import type { PhantomScene } from '../scene/phantom-scene';

/** A region of a phantom in world mm and in voxel coordinates of its grid. */
export interface PhantomRegion {
  centreWorldMm: Vec3;
  /** Radius of the bounding sphere about the centre, mm. */
  radiusMm: number;
  /** Continuous voxel coordinates `(i, j, k)` of the centre. */
  centreVoxel: Vec3;
  /** The radius in voxels along i, j, k. */
  radiusVoxels: Vec3;
  boundingBoxWorldMm: Bounds;
  /** Voxel-index bounding box (inclusive, continuous, may extend past the grid). */
  boundingBoxVoxel: Bounds;
}

/** The regions a manifest records (the GT region is what a Grad-CAM test checks). */
export interface CaseRegions {
  greaterTuberosity: PhantomRegion & { separateFragment: boolean };
  /** The head fragment's centre and nominal radius. */
  head: { centreWorldMm: Vec3; radiusMm: number; centreVoxel: Vec3 };
  /** Where the head belongs: the centre of the glenoid socket. */
  glenoidSocketCentreWorldMm: Vec3;
}

/** World mm → continuous voxel coordinates for a grid with a diagonal affine. */
export function worldToVoxel(grid: ImageGrid, p: Vec3): Vec3 {
  return [0, 1, 2].map((axis) => {
    const row = grid.affine[axis]!;
    return (p[axis]! - row[3]!) / row[axis]!;
  }) as Vec3;
}

function boundsOf(points: readonly Vec3[]): Bounds {
  const b: Bounds = { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
  for (const p of points) {
    for (let axis = 0; axis < 3; axis++) {
      b.min[axis] = Math.min(b.min[axis]!, p[axis]!);
      b.max[axis] = Math.max(b.max[axis]!, p[axis]!);
    }
  }
  return b;
}

/** The greater tuberosity's bone points in world mm (native points moved with their fragment). */
export function greaterTuberosityWorldPoints(scene: PhantomScene, stepMm = 1.5): Vec3[] {
  const { plan, pose } = scene;
  const motion = compose(
    pose,
    plan.greaterTuberosity.separate
      ? compose(plan.headMotion, plan.greaterTuberosity.motion)
      : plan.headMotion,
  );
  return greaterTuberosityPoints(scene.humerus, scene.anatomy, plan, stepMm).map((p) =>
    applyPoint(motion, p),
  );
}

/**
 * The greater-tuberosity region (centroid, bounding sphere and box of its bone
 * as placed), the head fragment and the glenoid socket, in world and voxel
 * coordinates of `grid`.
 * @example
 * describeRegions(scene, grid).greaterTuberosity.centreVoxel;
 */
export function describeRegions(scene: PhantomScene, grid: ImageGrid): CaseRegions {
  const points = greaterTuberosityWorldPoints(scene);
  const centre = centroid(points);
  let radius = 0;
  for (const p of points) radius = Math.max(radius, norm(sub(p, centre)));
  const box = boundsOf(points);
  const corners = [worldToVoxel(grid, box.min), worldToVoxel(grid, box.max)];
  const spacing = grid.spacingMm;
  const headCentre = applyPoint(
    compose(scene.pose, scene.plan.headMotion),
    scene.anatomy.head.centre,
  );
  return {
    greaterTuberosity: {
      separateFragment: scene.plan.greaterTuberosity.separate,
      centreWorldMm: centre,
      radiusMm: radius,
      centreVoxel: worldToVoxel(grid, centre),
      radiusVoxels: [radius / spacing[0], radius / spacing[1], radius / spacing[2]],
      boundingBoxWorldMm: box,
      boundingBoxVoxel: {
        min: [0, 1, 2].map((a) => Math.min(corners[0]![a]!, corners[1]![a]!)) as Vec3,
        max: [0, 1, 2].map((a) => Math.max(corners[0]![a]!, corners[1]![a]!)) as Vec3,
      },
    },
    head: {
      centreWorldMm: headCentre,
      radiusMm: scene.anatomy.head.radiusMm,
      centreVoxel: worldToVoxel(grid, headCentre),
    },
    glenoidSocketCentreWorldMm: applyPoint(scene.pose, scene.anatomy.glenoid.socketCentre),
  };
}
