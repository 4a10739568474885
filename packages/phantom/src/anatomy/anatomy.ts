import type { Vec3 } from '../math/vec3';

/** An axis-aligned ellipsoid: centre and radii in mm. */
export interface Ellipsoid {
  centre: Vec3;
  radiiMm: Vec3;
}

/** An ellipsoid with its own unit axes (rows of a rotation) and radii along them, mm. */
export interface OrientedEllipsoid {
  centre: Vec3;
  axes: [Vec3, Vec3, Vec3];
  radiiMm: Vec3;
}

/**
 * One phantom's normal (unfractured) anatomy in the canonical frame of a right
 * shoulder: world RAS+ millimetres before the random pose, the shaft along −z
 * from the surgical neck at the origin, medial = +x, anterior = +y.
 */
export interface Anatomy {
  /** Head radius / 23 mm: every size scales with it. */
  scale: number;
  head: Ellipsoid & {
    /** The nominal (sphere) radius, mm. */
    radiusMm: number;
    /** Unit vector from the head centre through the articular surface's centre. */
    axis: Vec3;
    /** Distance from the head centre to the anatomical-neck plane along −axis, mm. */
    capDepthMm: number;
    cortexMm: number;
  };
  /** Angle between the head axis and the distal shaft axis, degrees (normal ≈ 130–135). */
  neckShaftAngleDeg: number;
  retroversionDeg: number;
  shaft: { radiiMm: [number, number]; topZMm: number; cortexMm: number };
  metaphysis: Ellipsoid;
  greaterTuberosity: Ellipsoid;
  lesserTuberosity: Ellipsoid;
  /** Height of the surgical neck (where a 2-part fracture runs), mm. */
  surgicalNeckZMm: number;
  /** Fillet width of the smooth unions, mm. */
  blendMm: number;
  glenoid: {
    /** Centre of the concave socket: the native head centre. */
    socketCentre: Vec3;
    socketRadiusMm: number;
    jointSpaceMm: number;
    /** Unit vector from the socket centre to the glenoid face (medial). */
    faceDirection: Vec3;
    body: OrientedEllipsoid;
    neck: OrientedEllipsoid;
    cortexMm: number;
  };
  softTissue: {
    armCentreXY: [number, number];
    armRadiiMm: [number, number];
    armTopZMm: number;
    shoulder: Ellipsoid;
    /** Everything medial of this x (the chest wall side) is soft tissue. */
    torsoXMm: number;
    fatMm: number;
  };
}
