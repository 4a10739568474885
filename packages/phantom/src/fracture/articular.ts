import type { SeededRandom } from '@ct-fracture/core';
import type { Anatomy } from '../anatomy/anatomy';
import { compose, type Rigid, rotationAbout, translation } from '../math/rigid';
import { add, dot, normalize, scale, sub, type Vec3 } from '../math/vec3';
import type { Cut, Plane } from './fracture-plan';
import { quantile, randomPerpendicular } from './random-geometry';

/** An articular fragment: its cut, motion relative to the head, and the cap fraction it carries. */
export type ArticularFragment = Cut & {
  kind: 'split' | 'rim';
  motion: Rigid;
  capFraction: number;
  /** The way the piece moves away (unit, native frame). */
  direction: Vec3;
};

/** The half-space beyond the anatomical neck (the head part), 2 mm below the cap's rim. */
function headPart(anatomy: Anatomy): Plane {
  const { axis, centre, capDepthMm } = anatomy.head;
  return { normal: scale(axis, -1), offset: -(dot(axis, centre) - capDepthMm - 2) };
}

function pieceMotion(
  random: SeededRandom,
  normal: Vec3,
  pivot: Vec3,
  shiftMm: number,
  extra: Vec3 = [0, 0, 0],
): Rigid {
  const rotation = rotationAbout(randomPerpendicular(random, normal), random.uniform(0, 5), pivot);
  return compose(translation(add(scale(normal, shiftMm), extra)), rotation);
}

/**
 * A head split: a plane containing (nearly) the head axis, placed so that
 * each side carries 42–58 % of the articular surface (5–6 mm gap); the piece
 * on the normal's side moves away by 4–8 mm and 1–2 mm out along the head axis.
 * @param capPoints - articular surface samples (see `articularCapPoints`).
 */
export function headSplit(
  anatomy: Anatomy,
  capPoints: readonly Vec3[],
  random: SeededRandom,
): ArticularFragment {
  const { axis, centre, radiusMm } = anatomy.head;
  const normal = randomPerpendicular(random, axis);
  const values = capPoints.map((p) => dot(normal, sub(p, centre)));
  const keep = random.uniform(0.42, 0.58);
  const offset = quantile(values, keep);
  const pivot = add(centre, scale(normal, offset + radiusMm / 2));
  return {
    kind: 'split',
    planes: [
      { normal: scale(normal, -1), offset: -(dot(normal, centre) + offset) },
      headPart(anatomy),
    ],
    gapMm: random.uniform(5, 6),
    motion: pieceMotion(
      random,
      normal,
      pivot,
      random.uniform(4, 8),
      scale(axis, random.uniform(1, 2)),
    ),
    capFraction: 1 - keep,
    direction: normal,
  };
}

/**
 * A subcritical rim fragment: an anterior, posterior or inferior piece of the
 * articular margin carrying 20–27 % of the surface (4–5 mm gap), displaced
 * 5–9 mm outwards and 1–2 mm along the head axis.
 * @param capPoints - articular surface samples (see `articularCapPoints`).
 */
export function rimFragment(
  anatomy: Anatomy,
  capPoints: readonly Vec3[],
  random: SeededRandom,
): ArticularFragment {
  const { axis, centre, radiusMm } = anatomy.head;
  const choices: Vec3[] = [
    [0, 1, 0],
    [0, -1, 0],
    [0, 0, -1],
  ];
  const towards = choices[random.integer(choices.length)]!;
  const rim = normalize(sub(towards, scale(axis, dot(towards, axis))));
  const beta = (random.uniform(0, 25) * Math.PI) / 180;
  const normal = normalize(add(scale(rim, Math.cos(beta)), scale(axis, Math.sin(beta))));
  const values = capPoints.map((p) => dot(normal, sub(p, centre)));
  const fraction = random.uniform(0.2, 0.27);
  const offset = quantile(values, 1 - fraction);
  const pivot = add(centre, scale(normal, (offset + radiusMm) / 2));
  return {
    kind: 'rim',
    planes: [
      { normal: scale(normal, -1), offset: -(dot(normal, centre) + offset) },
      headPart(anatomy),
    ],
    gapMm: random.uniform(4, 5),
    motion: pieceMotion(
      random,
      normal,
      pivot,
      random.uniform(5, 9),
      scale(axis, random.uniform(1, 2)),
    ),
    capFraction: fraction,
    direction: normal,
  };
}
