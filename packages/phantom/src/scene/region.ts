import type { Cut } from '../fracture/fracture-plan';

/** A signed distance to a fragment's region (mm, negative inside). */
export type RegionDistance = (x: number, y: number, z: number) => number;

function flatten(cut: Cut): Float64Array {
  const values = new Float64Array(cut.planes.length * 4);
  cut.planes.forEach((plane, index) => {
    values.set([plane.normal[0], plane.normal[1], plane.normal[2], plane.offset], index * 4);
  });
  return values;
}

function cutDistance(planes: Float64Array, x: number, y: number, z: number): number {
  let d = -Infinity;
  for (let i = 0; i < planes.length; i += 4) {
    const v = planes[i]! * x + planes[i + 1]! * y + planes[i + 2]! * z - planes[i + 3]!;
    if (v > d) d = v;
  }
  return d;
}

/**
 * The region of a fragment: inside every `inside` cut shrunk by half its gap
 * and outside every `outside` cut grown by half its gap, so that neighbouring
 * fragments are separated by exactly each cut's gap.
 * @example
 * const shaft = compileRegion([{ planes: [{ normal: [0, 0, 1], offset: 0 }], gapMm: 4 }], []);
 * shaft(0, 0, -1); // -1 + 2 = 1 → outside: inside the 2 mm half-gap
 */
export function compileRegion(inside: readonly Cut[], outside: readonly Cut[]): RegionDistance {
  const insidePlanes = inside.map(flatten);
  const insideGaps = inside.map((cut) => cut.gapMm / 2);
  const outsidePlanes = outside.map(flatten);
  const outsideGaps = outside.map((cut) => cut.gapMm / 2);
  return (x, y, z) => {
    let d = -Infinity;
    for (let i = 0; i < insidePlanes.length; i++) {
      const v = cutDistance(insidePlanes[i]!, x, y, z) + insideGaps[i]!;
      if (v > d) d = v;
    }
    for (let i = 0; i < outsidePlanes.length; i++) {
      const v = outsideGaps[i]! - cutDistance(outsidePlanes[i]!, x, y, z);
      if (v > d) d = v;
    }
    return d;
  };
}

/** The proximal side of a neck cut (the same plane, flipped). */
export function proximalSide(neck: Cut): Cut {
  return {
    planes: neck.planes.map((plane) => ({
      normal: [-plane.normal[0], -plane.normal[1], -plane.normal[2]],
      offset: -plane.offset,
    })),
    gapMm: neck.gapMm,
  };
}
