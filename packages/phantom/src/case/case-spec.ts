import type { CaseDesign } from '../labels/case-labels';
import type { Side } from './case-geometry';

/** Everything that determines one phantom (JSON-serialisable, so a worker can build it). */
export interface CaseSpec {
  /** 0-based over the whole dataset (train first, then test). */
  index: number;
  split: 'train' | 'test';
  /** As written in the CSV's `patient_id` column. */
  patientId: string;
  /** Path of the scan relative to the dataset root (`/` separated). */
  file: string;
  /** The case's own seed: every random stream of the case derives from it. */
  seed: number;
  side: Side;
  design: CaseDesign;
}
