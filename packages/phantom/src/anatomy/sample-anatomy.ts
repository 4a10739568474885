import type { SeededRandom } from '@ct-fracture/core';
import { cross, normalize, scale, sub, type Vec3 } from '../math/vec3';
import type { Anatomy, Ellipsoid } from './anatomy';

/** Reference head radius, mm: every length below is written for it and scaled. */
const REFERENCE_HEAD_RADIUS_MM = 23;

function jitter(random: SeededRandom, point: Vec3, amountMm: number, scale: number): Vec3 {
  return [
    scale * (point[0] + random.uniform(-amountMm, amountMm)),
    scale * (point[1] + random.uniform(-amountMm, amountMm)),
    scale * (point[2] + random.uniform(-amountMm, amountMm)),
  ];
}

function ellipsoid(random: SeededRandom, centre: Vec3, radii: Vec3, scale: number): Ellipsoid {
  const size = random.uniform(0.92, 1.08);
  return {
    centre: jitter(random, centre, 1.2, scale),
    radiiMm: [
      radii[0] * scale * size * random.uniform(0.95, 1.05),
      radii[1] * scale * size * random.uniform(0.95, 1.05),
      radii[2] * scale * size * random.uniform(0.95, 1.05),
    ],
  };
}

/**
 * Draws one normal proximal humerus, glenoid and soft-tissue envelope: head
 * radius 20–27 mm with ±6 % anisotropy, neck–shaft angle 128–140°,
 * retroversion 15–35°, shaft radius 10–13 mm (elliptic) with a 2.5–3.5 mm
 * cortex, joint space 3–5 mm.
 * @param random - the case's anatomy stream.
 * @example
 * const anatomy = sampleAnatomy(new SeededRandom(1, 'mulberry32'));
 * anatomy.head.radiusMm; // e.g. 24.1
 */
export function sampleAnatomy(random: SeededRandom): Anatomy {
  const headRadiusMm = random.uniform(20, 27);
  const s = headRadiusMm / REFERENCE_HEAD_RADIUS_MM;
  const neckShaftAngleDeg = random.uniform(128, 140);
  const retroversionDeg = random.uniform(15, 35);
  const theta = (neckShaftAngleDeg * Math.PI) / 180;
  const psi = (retroversionDeg * Math.PI) / 180;
  const axis: Vec3 = normalize([
    Math.sin(theta) * Math.cos(psi),
    -Math.sin(theta) * Math.sin(psi),
    -Math.cos(theta),
  ]);
  const headScale: Vec3 = [
    random.uniform(0.94, 1.06),
    random.uniform(0.94, 1.06),
    random.uniform(0.94, 1.06),
  ];
  const headCentre: Vec3 = [
    random.uniform(4, 8) * s,
    -random.uniform(1, 4) * s,
    random.uniform(25.5, 28.5) * s,
  ];
  const shaftRadius = random.uniform(10, 13);
  const jointSpaceMm = random.uniform(3, 5);
  const socketRadiusMm = headRadiusMm * Math.max(...headScale) + jointSpaceMm;
  const faceDirection = normalize([1, random.uniform(-0.25, 0.05), random.uniform(0.1, 0.35)]);
  const up = normalize(sub([0, 0, 1], scale(faceDirection, faceDirection[2])));
  const side = normalize(cross(faceDirection, up));
  const along = (distanceMm: number): Vec3 => [
    headCentre[0] + faceDirection[0] * distanceMm,
    headCentre[1] + faceDirection[1] * distanceMm,
    headCentre[2] + faceDirection[2] * distanceMm,
  ];
  const shoulderPad: Vec3 = [
    headRadiusMm + random.uniform(24, 32),
    headRadiusMm + random.uniform(26, 34),
    headRadiusMm + random.uniform(20, 28),
  ];
  return {
    scale: s,
    head: {
      centre: headCentre,
      radiusMm: headRadiusMm,
      radiiMm: [
        headRadiusMm * headScale[0],
        headRadiusMm * headScale[1],
        headRadiusMm * headScale[2],
      ],
      axis,
      capDepthMm: random.uniform(0.25, 0.35) * headRadiusMm,
      cortexMm: random.uniform(0.8, 1.4),
    },
    neckShaftAngleDeg,
    retroversionDeg,
    shaft: {
      radiiMm: [shaftRadius, shaftRadius * random.uniform(0.86, 1)],
      topZMm: 12 * s,
      cortexMm: random.uniform(2.5, 3.5),
    },
    metaphysis: ellipsoid(random, [-1, -1, 19], [16.5, 15, 17], s),
    greaterTuberosity: ellipsoid(random, [-19, 1, 27], [8, 12, 11], s),
    lesserTuberosity: ellipsoid(random, [-3, 15, 20], [6, 6, 8], s),
    surgicalNeckZMm: random.uniform(-4, 0) * s,
    blendMm: 6 * s,
    glenoid: {
      socketCentre: headCentre,
      socketRadiusMm,
      jointSpaceMm,
      faceDirection,
      body: {
        centre: along(socketRadiusMm + random.uniform(5, 7)),
        axes: [faceDirection, up, side],
        radiiMm: [9, random.uniform(16, 20) * s, random.uniform(11, 14) * s],
      },
      neck: {
        centre: along(socketRadiusMm + 26),
        axes: [faceDirection, up, side],
        radiiMm: [20, 12 * s, 8 * s],
      },
      cortexMm: random.uniform(1, 1.6),
    },
    softTissue: {
      armCentreXY: [random.uniform(-4, 2), random.uniform(-2, 4)],
      armRadiiMm: [random.uniform(40, 52), random.uniform(38, 50)],
      armTopZMm: headCentre[2],
      shoulder: {
        centre: [headCentre[0] - 4, headCentre[1] + 6, headCentre[2] - 2],
        radiiMm: shoulderPad,
      },
      torsoXMm: headCentre[0] + headRadiusMm + random.uniform(10, 22),
      fatMm: random.uniform(3, 9),
    },
  };
}
