import type { SeededRandom } from '@ct-fracture/core';

/** The Hounsfield units of one phantom's tissues. */
export interface TissueHu {
  air: number;
  fat: number;
  muscle: number;
  cortex: number;
  cancellous: number;
  marrow: number;
  /** Standard deviation of the added Gaussian noise, HU. */
  noiseSigma: number;
}

/**
 * Draws tissue values in CT ranges: cortex 1,200–1,800, cancellous 150–400,
 * marrow −40–60, muscle 35–60, fat −120 to −80, air −1,000 HU; noise σ 10–30 HU.
 * @example
 * sampleTissueHu(new SeededRandom(1, 'mulberry32')).cortex; // e.g. 1,432
 */
export function sampleTissueHu(random: SeededRandom): TissueHu {
  return {
    air: -1000,
    fat: random.uniform(-120, -80),
    muscle: random.uniform(35, 60),
    cortex: random.uniform(1200, 1800),
    cancellous: random.uniform(150, 400),
    marrow: random.uniform(-40, 60),
    noiseSigma: random.uniform(10, 30),
  };
}
