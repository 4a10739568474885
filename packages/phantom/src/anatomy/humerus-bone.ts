import { ellipseDistance, ellipsoidDistance, smoothMin, smoothStep } from '../math/sdf';
import type { Anatomy, Ellipsoid } from './anatomy';
import type { BoneModel, Bounds } from './bone-model';

/** How far down the shaft the bone is modelled, mm below the surgical neck. */
const SHAFT_LENGTH_MM = 400;

type Blob = [cx: number, cy: number, cz: number, rx: number, ry: number, rz: number];

function blob(e: Ellipsoid): Blob {
  return [e.centre[0], e.centre[1], e.centre[2], e.radiiMm[0], e.radiiMm[1], e.radiiMm[2]];
}

function blobDistance(b: Blob, x: number, y: number, z: number): number {
  return ellipsoidDistance(x - b[0], y - b[1], z - b[2], b[3], b[4], b[5]);
}

/**
 * The proximal humerus of an {@link Anatomy} as one smooth solid: an elliptic
 * shaft capped below the metaphysis, smoothly united with the metaphysis, the
 * head (a dome: its ellipsoid cut just below the anatomical neck) and both
 * tuberosities. Cortex thins from the shaft's value to the
 * head's over the metaphysis; the canal below the surgical neck holds marrow.
 * @example
 * const bone = createHumerusBone(sampleAnatomy(new SeededRandom(1, 'mulberry32')));
 * bone.distance(0, 0, -50) < 0; // inside the shaft
 */
export function createHumerusBone(anatomy: Anatomy): BoneModel {
  const [srx, sry] = anatomy.shaft.radiiMm;
  const shaftTop = anatomy.shaft.topZMm;
  const meta = blob(anatomy.metaphysis);
  const head = blob(anatomy.head);
  const greater = blob(anatomy.greaterTuberosity);
  const lesser = blob(anatomy.lesserTuberosity);
  const k = anatomy.blendMm;
  const [hx, hy, hz] = anatomy.head.centre;
  const [ax, ay, az] = anatomy.head.axis;
  // The head is a dome: the ellipsoid cut 2 mm below the anatomical-neck plane, so its
  // orientation (and a varus tilt) shows in the silhouette.
  const neckPlane = anatomy.head.capDepthMm + 2;
  const neckZ = anatomy.surgicalNeckZMm;
  const shaftCortex = anatomy.shaft.cortexMm;
  const headCortex = anatomy.head.cortexMm;
  const bounds: Bounds = {
    min: [Infinity, Infinity, Infinity],
    max: [-Infinity, -Infinity, -Infinity],
  };
  for (const b of [meta, head, greater, lesser]) {
    for (let axis = 0; axis < 3; axis++) {
      bounds.min[axis] = Math.min(bounds.min[axis]!, b[axis]! - b[axis + 3]! - 1);
      bounds.max[axis] = Math.max(bounds.max[axis]!, b[axis]! + b[axis + 3]! + 1);
    }
  }
  bounds.min[0] = Math.min(bounds.min[0], -srx - 1);
  bounds.min[1] = Math.min(bounds.min[1], -sry - 1);
  bounds.min[2] = neckZ - SHAFT_LENGTH_MM;
  return {
    bounds,
    maxCortexMm: Math.max(shaftCortex, headCortex),
    distance(x, y, z) {
      const shaft = Math.max(ellipseDistance(x, y, srx, sry), z - shaftTop);
      let d = smoothMin(shaft, blobDistance(meta, x, y, z), k);
      const dome = Math.max(
        blobDistance(head, x, y, z),
        -(ax * (x - hx) + ay * (y - hy) + az * (z - hz) + neckPlane),
      );
      d = smoothMin(d, dome, 0.6 * k);
      d = smoothMin(d, blobDistance(greater, x, y, z), 0.6 * k);
      d = smoothMin(d, blobDistance(lesser, x, y, z), 0.5 * k);
      return Math.max(d, neckZ - SHAFT_LENGTH_MM - z);
    },
    cortexMm(_x, _y, z) {
      const toShaft = smoothStep(neckZ + 12, neckZ - 15, z);
      return headCortex + (shaftCortex - headCortex) * toShaft;
    },
    marrowWeight(_x, _y, z) {
      return smoothStep(neckZ - 5, neckZ - 30, z);
    },
  };
}
