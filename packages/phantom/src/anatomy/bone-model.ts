import type { Vec3 } from '../math/vec3';

/** Axis-aligned bounds in mm. */
export interface Bounds {
  min: Vec3;
  max: Vec3;
}

/**
 * A bone as a signed distance field in its own (native, unfractured) frame,
 * with what its inside is made of. All lengths in mm.
 */
export interface BoneModel {
  /** Signed distance to the periosteal surface (negative inside). */
  distance(x: number, y: number, z: number): number;
  /** Cortical thickness at a point inside, mm. */
  cortexMm(x: number, y: number, z: number): number;
  /** 0 = cancellous bone inside the cortex, 1 = fatty marrow (shaft canal). */
  marrowWeight(x: number, y: number, z: number): number;
  /** The largest cortical thickness anywhere, mm. */
  readonly maxCortexMm: number;
  /** Bounds of the whole bone (open ends clipped at a finite length). */
  readonly bounds: Bounds;
}
