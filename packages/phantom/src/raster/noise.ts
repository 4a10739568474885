import { SeededRandom } from '@ct-fracture/core';

/** Size of the inverse-normal table the noise is drawn from (16-bit index). */
const TABLE_SIZE = 65536;
let normalTable: Float32Array | undefined;

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

function table(): Float32Array {
  if (normalTable === undefined) {
    normalTable = new Float32Array(TABLE_SIZE);
    for (let i = 0; i < TABLE_SIZE; i++) normalTable[i] = normalQuantile((i + 0.5) / TABLE_SIZE);
  }
  return normalTable;
}

/**
 * Adds Gaussian noise (σ in HU) to every voxel, then rounds to whole HU
 * clamped to `[low, high]`, in place. Each 32-bit draw of a seeded mulberry32
 * stream (`@ct-fracture/core`'s `SeededRandom`) gives two voxels their noise through a 65,536-entry inverse-normal
 * table (a Gaussian quantised far below 1 HU), so the same seed gives the same
 * result on every machine.
 * @param sigmaHu - noise σ; 0 adds none.
 * @example
 * addNoiseAndQuantise(volume.data, 20, 1234, -1024, 3071);
 */
export function addNoiseAndQuantise(
  data: Float32Array,
  sigmaHu: number,
  seed: number,
  low: number,
  high: number,
): void {
  const normals = table();
  const random = new SeededRandom(seed, 'mulberry32');
  const n = data.length;
  for (let v = 0; v < n; v += 2) {
    const t = random.nextUint32();
    const a = Math.round(data[v]! + sigmaHu * normals[t >>> 16]!);
    data[v] = a < low ? low : Math.min(a, high);
    if (v + 1 < n) {
      const b = Math.round(data[v + 1]! + sigmaHu * normals[t & 0xffff]!);
      data[v + 1] = b < low ? low : Math.min(b, high);
    }
  }
}
