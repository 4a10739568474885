import { cross, normalize, scale, sub, type Vec3 } from '../math/vec3';
import { type Random, uniform } from '../random';
import type { Anatomy, Ellipsoid } from './anatomy';

/** Reference head radius, mm: every length below is written for it and scaled. */
const REFERENCE_HEAD_RADIUS_MM = 23;

function jitter(random: Random, point: Vec3, amountMm: number, scale: number): Vec3 {
  return [
    scale * (point[0] + uniform(random, -amountMm, amountMm)),
    scale * (point[1] + uniform(random, -amountMm, amountMm)),
    scale * (point[2] + uniform(random, -amountMm, amountMm)),
  ];
}

function ellipsoid(random: Random, centre: Vec3, radii: Vec3, scale: number): Ellipsoid {
  const size = uniform(random, 0.92, 1.08);
  return {
    centre: jitter(random, centre, 1.2, scale),
    radiiMm: [
      radii[0] * scale * size * uniform(random, 0.95, 1.05),
      radii[1] * scale * size * uniform(random, 0.95, 1.05),
      radii[2] * scale * size * uniform(random, 0.95, 1.05),
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
 * const anatomy = sampleAnatomy(createRandom(1));
 * anatomy.head.radiusMm; // e.g. 24.1
 */
export function sampleAnatomy(random: Random): Anatomy {
  const headRadiusMm = uniform(random, 20, 27);
  const s = headRadiusMm / REFERENCE_HEAD_RADIUS_MM;
  const neckShaftAngleDeg = uniform(random, 128, 140);
  const retroversionDeg = uniform(random, 15, 35);
  const theta = (neckShaftAngleDeg * Math.PI) / 180;
  const psi = (retroversionDeg * Math.PI) / 180;
  const axis: Vec3 = normalize([
    Math.sin(theta) * Math.cos(psi),
    -Math.sin(theta) * Math.sin(psi),
    -Math.cos(theta),
  ]);
  const headScale: Vec3 = [
    uniform(random, 0.94, 1.06),
    uniform(random, 0.94, 1.06),
    uniform(random, 0.94, 1.06),
  ];
  const headCentre: Vec3 = [
    uniform(random, 4, 8) * s,
    -uniform(random, 1, 4) * s,
    uniform(random, 25.5, 28.5) * s,
  ];
  const shaftRadius = uniform(random, 10, 13);
  const jointSpaceMm = uniform(random, 3, 5);
  const socketRadiusMm = headRadiusMm * Math.max(...headScale) + jointSpaceMm;
  const faceDirection = normalize([1, uniform(random, -0.25, 0.05), uniform(random, 0.1, 0.35)]);
  const up = normalize(sub([0, 0, 1], scale(faceDirection, faceDirection[2])));
  const side = normalize(cross(faceDirection, up));
  const along = (distanceMm: number): Vec3 => [
    headCentre[0] + faceDirection[0] * distanceMm,
    headCentre[1] + faceDirection[1] * distanceMm,
    headCentre[2] + faceDirection[2] * distanceMm,
  ];
  const shoulderPad: Vec3 = [
    headRadiusMm + uniform(random, 24, 32),
    headRadiusMm + uniform(random, 26, 34),
    headRadiusMm + uniform(random, 20, 28),
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
      capDepthMm: uniform(random, 0.25, 0.35) * headRadiusMm,
      cortexMm: uniform(random, 0.8, 1.4),
    },
    neckShaftAngleDeg,
    retroversionDeg,
    shaft: {
      radiiMm: [shaftRadius, shaftRadius * uniform(random, 0.86, 1)],
      topZMm: 12 * s,
      cortexMm: uniform(random, 2.5, 3.5),
    },
    metaphysis: ellipsoid(random, [-1, -1, 19], [16.5, 15, 17], s),
    greaterTuberosity: ellipsoid(random, [-19, 1, 27], [8, 12, 11], s),
    lesserTuberosity: ellipsoid(random, [-3, 15, 20], [6, 6, 8], s),
    surgicalNeckZMm: uniform(random, -4, 0) * s,
    blendMm: 6 * s,
    glenoid: {
      socketCentre: headCentre,
      socketRadiusMm,
      jointSpaceMm,
      faceDirection,
      body: {
        centre: along(socketRadiusMm + uniform(random, 5, 7)),
        axes: [faceDirection, up, side],
        radiiMm: [9, uniform(random, 16, 20) * s, uniform(random, 11, 14) * s],
      },
      neck: {
        centre: along(socketRadiusMm + 26),
        axes: [faceDirection, up, side],
        radiiMm: [20, 12 * s, 8 * s],
      },
      cortexMm: uniform(random, 1, 1.6),
    },
    softTissue: {
      armCentreXY: [uniform(random, -4, 2), uniform(random, -2, 4)],
      armRadiiMm: [uniform(random, 40, 52), uniform(random, 38, 50)],
      armTopZMm: headCentre[2],
      shoulder: {
        centre: [headCentre[0] - 4, headCentre[1] + 6, headCentre[2] - 2],
        radiiMm: shoulderPad,
      },
      torsoXMm: headCentre[0] + headRadiusMm + uniform(random, 10, 22),
      fatMm: uniform(random, 3, 9),
    },
  };
}
