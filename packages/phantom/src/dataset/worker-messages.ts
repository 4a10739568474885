import type { CaseRecord } from '../case/case-record';
import type { CaseSpec } from '../case/case-spec';
import type { CaseOptions } from '../case/generate-case';

/** A case for a worker to generate and write. */
export interface WorkerTask {
  spec: CaseSpec;
  options: CaseOptions;
  root: string;
}

/** A worker's answer: the manifest entry, or the error (as plain data: classes do not cross threads). */
export type WorkerResult =
  | { ok: true; record: CaseRecord }
  | { ok: false; error: { name: string; code: string | undefined; message: string } };
