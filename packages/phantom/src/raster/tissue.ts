import { type Random, uniform } from '../random';

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
 * sampleTissueHu(createRandom(1)).cortex; // e.g. 1,432
 */
export function sampleTissueHu(random: Random): TissueHu {
  return {
    air: -1000,
    fat: uniform(random, -120, -80),
    muscle: uniform(random, 35, 60),
    cortex: uniform(random, 1200, 1800),
    cancellous: uniform(random, 150, 400),
    marrow: uniform(random, -40, 60),
    noiseSigma: uniform(random, 10, 30),
  };
}
