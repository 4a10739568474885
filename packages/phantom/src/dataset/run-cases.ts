import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaseRecord } from '../case/case-record';
import type { CaseSpec } from '../case/case-spec';
import { type CaseOptions, writeCase } from '../case/generate-case';
import { PhantomError } from '../errors/phantom-error';
import type { WorkerResult, WorkerTask } from './worker-messages';

/** Called after each case is written. */
export type CaseProgress = (record: CaseRecord, done: number, total: number) => void;

/** The built worker script beside this module, or null when running from source. */
function workerScript(): string | null {
  try {
    const path = fileURLToPath(new URL('./generate-worker.js', import.meta.url));
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function asError(
  error: { name: string; code: string | undefined; message: string },
  spec: CaseSpec,
): Error {
  return new PhantomError({
    code: error.code === 'generation-failed' ? 'generation-failed' : 'io',
    file: spec.file,
    message: error.message,
  });
}

async function inProcess(
  specs: readonly CaseSpec[],
  options: CaseOptions,
  root: string,
  onProgress: CaseProgress,
): Promise<CaseRecord[]> {
  const records: CaseRecord[] = [];
  for (const spec of specs) {
    records.push(await writeCase(spec, options, root));
    onProgress(records[records.length - 1]!, records.length, specs.length);
  }
  return records;
}

/**
 * Generates and writes cases, on `workers` worker threads (0 = in this
 * thread; also when the built worker script is absent, as under a test
 * runner on sources). Each case depends only on its spec, so the files and
 * records are the same for any worker count; records come back in spec order.
 * @throws {PhantomError} the first case's failure (the other workers are stopped).
 */
export async function runCases(
  specs: readonly CaseSpec[],
  options: CaseOptions,
  root: string,
  workers: number,
  onProgress: CaseProgress = () => undefined,
): Promise<CaseRecord[]> {
  const script = workerScript();
  const count = Math.min(workers, specs.length);
  if (script === null || count < 1) return inProcess(specs, options, root, onProgress);
  const records: (CaseRecord | undefined)[] = new Array(specs.length);
  const pool = Array.from({ length: count }, () => new Worker(script));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next >= specs.length) {
          if (done === specs.length) resolve();
          return;
        }
        const index = next++;
        const spec = specs[index]!;
        worker.removeAllListeners('message');
        worker.once('message', (result: WorkerResult) => {
          if (!result.ok) return reject(asError(result.error, spec));
          records[index] = result.record;
          done++;
          onProgress(result.record, done, specs.length);
          feed(worker);
        });
        worker.postMessage({ spec, options, root } satisfies WorkerTask);
      };
      for (const worker of pool) {
        worker.once('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return records as CaseRecord[];
}
