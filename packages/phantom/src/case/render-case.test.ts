import { describe, expect, it } from 'vitest';
import { centroid } from '../fracture/region-points';
import type { CaseDesign, CaseLabels } from '../labels/case-labels';
import { applyPoint, applyVector, compose } from '../math/rigid';
import { cross, dot, norm, perpendicular, sub, type Vec3 } from '../math/vec3';
import { greaterTuberosityPoints } from '../measure/gt-displacement';
import { FRAGMENT_LABEL } from '../scene/fragments';
import { buildCaseGeometry } from './case-geometry';
import { renderCase } from './render-case';

function design(labels: Partial<CaseLabels>, extra: Partial<CaseDesign> = {}): CaseDesign {
  return {
    labels: {
      fractureParts: '1-part',
      dislocation: false,
      gtDisplacement: false,
      shaftTranslation: 'none',
      varus: false,
      articular: 'none-rim',
      ...labels,
    },
    greaterTuberosityFragment: false,
    undisplacedCrack: false,
    ...extra,
  };
}

/** Connected components (6-neighbour) of voxels above `threshold` HU that are not scapula, ≥ 30 voxels. */
function boneComponents(
  data: Float32Array,
  labels: Uint8Array,
  shape: number[],
  threshold: number,
): number[] {
  const [ni, nj, nk] = shape as [number, number, number];
  const seen = new Uint8Array(data.length);
  // Leave out the scapula with a 2-voxel margin (its partial-volume rim is not labelled).
  for (let v = 0; v < data.length; v++) {
    if (labels[v] !== FRAGMENT_LABEL.scapula) continue;
    const k = v % nk;
    const j = Math.floor(v / nk) % nj;
    const i = Math.floor(v / (nj * nk));
    for (let a = Math.max(0, i - 2); a <= Math.min(ni - 1, i + 2); a++)
      for (let b = Math.max(0, j - 2); b <= Math.min(nj - 1, j + 2); b++)
        for (let c = Math.max(0, k - 2); c <= Math.min(nk - 1, k + 2); c++)
          seen[(a * nj + b) * nk + c] = 1;
  }
  const stack: number[] = [];
  const components: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! <= threshold) continue;
    let size = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      size++;
      const k = v % nk;
      const j = Math.floor(v / nk) % nj;
      const i = Math.floor(v / (nj * nk));
      const neighbours = [
        i > 0 ? v - nj * nk : -1,
        i < ni - 1 ? v + nj * nk : -1,
        j > 0 ? v - nk : -1,
        j < nj - 1 ? v + nk : -1,
        k > 0 ? v - 1 : -1,
        k < nk - 1 ? v + 1 : -1,
      ];
      for (const n of neighbours) {
        if (n < 0 || seen[n] || data[n]! <= threshold) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    if (size >= 30) components.push(size);
  }
  return components;
}

/** World coordinates of every voxel with a label. */
function labelledPoints(
  labels: Uint8Array,
  shape: number[],
  affine: number[][],
  label: number,
): Vec3[] {
  const [, nj, nk] = shape as [number, number, number];
  const points: Vec3[] = [];
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] !== label) continue;
    const index = [Math.floor(v / (nj * nk)), Math.floor(v / nk) % nj, v % nk];
    points.push([0, 1, 2].map((r) => affine[r]![r]! * index[r]! + affine[r]![3]!) as Vec3);
  }
  return points;
}

const CASES: [string, CaseDesign, number][] = [
  ['1-part, intact', design({}), 11],
  ['1-part, dislocated', design({ dislocation: true }), 12],
  [
    '2-part, complete translation, varus',
    design({ fractureParts: '2-part', shaftTranslation: 'complete', varus: true }),
    13,
  ],
  [
    '3-part, GT displaced ≥ 1 cm, substantial translation',
    design(
      { fractureParts: 'multipart', gtDisplacement: true, shaftTranslation: 'substantial' },
      { greaterTuberosityFragment: true },
    ),
    14,
  ],
  [
    '3-part head split, dislocated',
    design({ fractureParts: 'multipart', articular: 'headsplit', dislocation: true }),
    15,
  ],
  [
    '4-part, subcritical rim, GT < 1 cm',
    design(
      { fractureParts: 'multipart', articular: 'subcritical' },
      { greaterTuberosityFragment: true },
    ),
    16,
  ],
];

describe('characteristics measured back from rendered voxels (noise-free, medium grid)', () => {
  it.each(CASES)(
    '%s',
    (_name, caseDesign, seed) => {
      const geometry = buildCaseGeometry(caseDesign, seed, 'right');
      const { volume, labelMap, tissue } = renderCase(geometry, seed, {
        size: 'medium',
        noise: false,
      });
      const { scene, measured } = geometry;
      const { labels } = caseDesign;
      const threshold = tissue.muscle + 0.6 * (tissue.cancellous - tissue.muscle);
      const expectedPieces = { '1-part': 1, '2-part': 2, multipart: measured.partCount }[
        labels.fractureParts
      ];
      expect(boneComponents(volume.data, labelMap, volume.shape, threshold)).toHaveLength(
        expectedPieces,
      );

      // Dislocation: the glenoid socket's centre holds cancellous bone only when the head is in it.
      const socket = applyPoint(scene.pose, scene.anatomy.glenoid.socketCentre);
      const index = [0, 1, 2].map((r) =>
        Math.round((socket[r]! - volume.affine[r]![3]!) / volume.affine[r]![r]!),
      );
      const [, nj, nk] = volume.shape;
      const socketHu = volume.data[(index[0]! * nj + index[1]!) * nk + index[2]!]!;
      if (labels.dislocation) expect(socketHu).toBeLessThan(tissue.muscle + 40);
      else expect(socketHu).toBeGreaterThan(0.8 * tissue.cancellous);

      // GT displacement: centroid of the GT fragment's voxels vs where it sits on the head fragment.
      if (caseDesign.greaterTuberosityFragment) {
        const voxels = labelledPoints(
          labelMap,
          volume.shape,
          volume.affine,
          FRAGMENT_LABEL['greater-tuberosity'],
        );
        const attached = applyPoint(
          compose(scene.pose, scene.plan.headMotion),
          centroid(greaterTuberosityPoints(scene.humerus, scene.anatomy, scene.plan)),
        );
        const displacement = norm(sub(centroid(voxels), attached));
        expect(Math.abs(displacement - measured.gtDisplacementMm)).toBeLessThan(1.5);
        if (labels.gtDisplacement) expect(displacement).toBeGreaterThan(10);
        else expect(displacement).toBeLessThan(10);
      }

      // Translation: project the voxels beside the neck fracture along the shaft axis and overlap them.
      if (scene.plan.neck !== null) {
        const plane = scene.plan.neck.planes[0]!;
        const shaftWorld = compose(scene.pose, scene.plan.shaftMotion);
        const headWorld = compose(scene.pose, scene.plan.headMotion);
        const axis = applyVector(shaftWorld, plane.normal);
        const shaftFace = applyPoint(shaftWorld, [
          0,
          0,
          (plane.offset - scene.plan.neck.gapMm / 2) / plane.normal[2],
        ]);
        const headNormal = applyVector(headWorld, plane.normal);
        const headFace = applyPoint(headWorld, [
          0,
          0,
          (plane.offset + scene.plan.neck.gapMm / 2) / plane.normal[2],
        ]);
        const e1 = perpendicular(axis);
        const e2 = cross(axis, e1);
        const bins = (label: number, face: Vec3, normal: Vec3, sign: number) => {
          const set = new Set<string>();
          for (const p of labelledPoints(labelMap, volume.shape, volume.affine, label)) {
            const depth = sign * dot(sub(p, face), normal);
            if (depth < 0 || depth > 3) continue;
            const q = sub(p, shaftFace);
            set.add(`${Math.round(dot(q, e1))},${Math.round(dot(q, e2))}`);
          }
          return set;
        };
        const shaft = bins(FRAGMENT_LABEL.shaft, shaftFace, axis, -1);
        const head = bins(FRAGMENT_LABEL.head, headFace, headNormal, 1);
        const overlap = [...shaft].filter((bin) => head.has(bin)).length / shaft.size;
        const [low, high] = { none: [0.3, 1], substantial: [0.02, 0.3], complete: [0, 0.05] }[
          labels.shaftTranslation
        ];
        expect(overlap).toBeGreaterThanOrEqual(low!);
        expect(overlap).toBeLessThanOrEqual(high!);
      }
    },
    60_000,
  );
});
