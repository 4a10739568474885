import type { SeededRandom } from '@ct-fracture/core';
import type { Bounds } from '../anatomy/bone-model';
import { PhantomError } from '../errors/phantom-error';
import type { Vec3 } from '../math/vec3';

/** Voxel-grid presets: `small` ≈ 64×64×48 (demo), `medium` ≈ 128×128×96, `full` = clinical spacing. */
export type SizePreset = 'small' | 'medium' | 'full';

/** All size presets, for option parsing. */
export const SIZE_PRESETS: readonly SizePreset[] = ['small', 'medium', 'full'];

/**
 * Axis codes of the voxel axes i, j, k (nibabel's `aff2axcodes`): i runs along
 * x towards R or L, j along y towards A or P, k along z towards S or I.
 */
export type AxisCodes = `${'R' | 'L'}${'A' | 'P'}${'S' | 'I'}`;

/** A voxel grid: shape `[ni, nj, nk]`, spacing (mm) and voxel → world RAS+ affine (4 rows). */
export interface ImageGrid {
  shape: [number, number, number];
  spacingMm: [number, number, number];
  affine: number[][];
  orientation: AxisCodes;
}

function randomInt(random: SeededRandom, low: number, high: number): number {
  return low + Math.floor(random.next() * (high - low + 1));
}

/**
 * Checks axis codes.
 * @throws {PhantomError} (`invalid-option`) unless they match `[RL][AP][SI]`.
 */
export function parseAxisCodes(value: string): AxisCodes {
  if (!/^[RL][AP][SI]$/.test(value)) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'orientation',
      value,
      message: `orientation must be three axis codes [RL][AP][SI] such as RAS or LPS, got '${value}'`,
    });
  }
  return value as AxisCodes;
}

/**
 * Chooses the field of view and voxel grid around a region of interest (world
 * mm): a square in-plane field of view of 2·head radius + 44–60 mm (at least
 * the region + 16 mm), 110–128 mm from 6–12 mm above the region's top down the
 * shaft, all jittered by a few mm; the preset sets the voxel count or spacing.
 * @param roi - bounds (world mm) the field of view must contain in-plane.
 * @example
 * chooseImageGrid(roi, 23, 'small', 'RAS', new SeededRandom(4, 'mulberry32')).shape; // e.g. [62, 62, 47]
 */
export function chooseImageGrid(
  roi: Bounds,
  headRadiusMm: number,
  preset: SizePreset,
  orientation: AxisCodes,
  random: SeededRandom,
): ImageGrid {
  const roiWidth = Math.max(roi.max[0] - roi.min[0], roi.max[1] - roi.min[1]);
  const width = Math.max(
    random.uniform(2 * headRadiusMm + 44, 2 * headRadiusMm + 60),
    roiWidth + 16,
  );
  const height = random.uniform(110, 128);
  const centre: Vec3 = [
    (roi.min[0] + roi.max[0]) / 2 + random.uniform(-4, 4),
    (roi.min[1] + roi.max[1]) / 2 + random.uniform(-4, 4),
    0,
  ];
  const top = roi.max[2] + random.uniform(6, 12);
  let inPlane: number;
  let slices: number;
  let spacingXY: number;
  let spacingZ: number;
  if (preset === 'full') {
    spacingXY = random.uniform(0.3, 1);
    spacingZ = random.uniform(0.5, 2);
    inPlane = Math.round(width / spacingXY);
    slices = Math.round(height / spacingZ);
  } else {
    const [nominalXY, nominalZ] = preset === 'small' ? [64, 48] : [128, 96];
    inPlane = nominalXY + randomInt(random, -nominalXY / 16, nominalXY / 16);
    slices = nominalZ + randomInt(random, -nominalZ / 16, nominalZ / 16);
    spacingXY = width / inPlane;
    spacingZ = height / slices;
  }
  const shape: [number, number, number] = [inPlane, inPlane, slices];
  const spacingMm: [number, number, number] = [spacingXY, spacingXY, spacingZ];
  const low: Vec3 = [centre[0] - width / 2, centre[1] - width / 2, top - height];
  const signs = [
    orientation[0] === 'R' ? 1 : -1,
    orientation[1] === 'A' ? 1 : -1,
    orientation[2] === 'S' ? 1 : -1,
  ];
  const affine = [0, 1, 2].map((axis) => {
    const row = [0, 0, 0, 0];
    const sign = signs[axis]!;
    const step = spacingMm[axis]!;
    row[axis] = sign * step;
    const extent = shape[axis]! * step;
    row[3] = sign > 0 ? low[axis]! + step / 2 : low[axis]! + extent - step / 2;
    return row;
  });
  affine.push([0, 0, 0, 1]);
  return { shape, spacingMm, affine, orientation };
}
