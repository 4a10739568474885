import type { Rigid } from '../math/rigid';
import type { Vec3 } from '../math/vec3';

/** A half-space `normal · q ≤ offset` in the native frame (unit normal, mm). */
export interface Plane {
  normal: Vec3;
  offset: number;
}

/** A convex piece of bone (intersection of half-spaces) and the gap its fracture line leaves, mm. */
export interface Cut {
  planes: Plane[];
  gapMm: number;
}

/**
 * Where the humerus breaks and how every fragment moves. Motions map the
 * native (unfractured) frame into the canonical frame; the greater-tuberosity
 * and articular motions are relative to the head fragment (so a displacement is
 * measured against the fragment it came from, as a clinician does).
 */
export interface FracturePlan {
  /** The surgical-neck cut: its single plane's normal points proximally (shaft side is `n·q ≤ o`). */
  neck: Cut | null;
  /** The anatomical greater-tuberosity region (always defined; used for the Grad-CAM region). */
  greaterTuberosity: Cut & { separate: boolean; motion: Rigid };
  /** A head split or a subcritical rim fragment. */
  articular: (Cut & { kind: 'split' | 'rim'; motion: Rigid }) | null;
  headMotion: Rigid;
  shaftMotion: Rigid;
  /** The values the plan was built to reach (the manifest also records what is measured). */
  targets: {
    headShaftAngleDeg: number;
    overlapFraction: number;
    gtDisplacementMm: number;
    dislocationMm: number;
    articularFraction: number;
    translationMm: number;
  };
}
