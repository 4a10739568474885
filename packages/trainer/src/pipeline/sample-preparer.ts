import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TrainerError } from '../errors/trainer-error';
import { deserializeError, prepareSample } from './prepare-sample';
import type { PreparedSample, SampleRequest, SerializedError } from './sample-request';

type Reply =
  | { id: number; ok: true; sample: PreparedSample }
  | { id: number; ok: false; error: SerializedError };

interface Job {
  id: number;
  request: SampleRequest;
  resolve: (sample: PreparedSample) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** The default number of data workers: one less than the CPUs, at least 1, at most 4. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Finds the built worker script: `data-worker.js` beside this module in `dist/`, or — when this
 * module runs from `src/` (tests) — the package's built `dist/data-worker.js`.
 */
export function findWorkerScript(): URL | null {
  const candidates = [
    new URL('./data-worker.js', import.meta.url),
    new URL('../../dist/data-worker.js', import.meta.url),
  ];
  return candidates.find((url) => existsSync(fileURLToPath(url))) ?? null;
}

/**
 * Prepares samples (read → preprocess/cache → augment) on a pool of worker threads, so that
 * decoding and augmentation overlap training; volumes come back as transferred buffers (no copy).
 * With 0 workers, or when the worker script is not built, samples are prepared on the calling
 * thread (still asynchronous for I/O).
 * @example
 * const preparer = new SamplePreparer({ workers: 2 });
 * const sample = await preparer.prepare(request);
 * await preparer.close();
 */
export class SamplePreparer {
  /** Worker threads in use (0 = main thread). */
  readonly threads: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private readonly script: URL | null;
  private readonly onWarning: ((message: string) => void) | undefined;
  private warned = false;

  /**
   * @param options.workers - worker threads (null: {@link defaultWorkerCount}; 0: main thread).
   * @param options.onWarning - told, once, when the preprocessing cache cannot be written (the
   *   samples are prepared all the same).
   */
  constructor(
    options: {
      workers?: number | null;
      workerScript?: URL;
      onWarning?: (message: string) => void;
    } = {},
  ) {
    this.onWarning = options.onWarning;
    const wanted = options.workers ?? defaultWorkerCount();
    this.script = wanted > 0 ? (options.workerScript ?? findWorkerScript()) : null;
    this.threads = this.script === null ? 0 : wanted;
    for (let i = 0; i < this.threads; i += 1) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.script!), job: null };
    slot.worker.on('message', (reply: Reply) => {
      const job = slot.job;
      slot.job = null;
      // An idle worker must not keep the process alive; a busy one must (its result is awaited).
      slot.worker.unref();
      if (job && job.id === reply.id) {
        if (reply.ok) job.resolve(this.noted(reply.sample));
        else job.reject(deserializeError(reply.error));
      }
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.replace(slot, new Error(`exit code ${code}`));
    });
    slot.worker.unref();
    return slot;
  }

  /** Passes the first cache warning on. */
  private noted(sample: PreparedSample): PreparedSample {
    if (sample.cacheWarning !== undefined && !this.warned) {
      this.warned = true;
      this.onWarning?.(sample.cacheWarning);
    }
    return sample;
  }

  private replace(slot: Slot, error: Error): void {
    const job = slot.job;
    slot.job = null;
    job?.reject(
      new TrainerError({
        code: 'worker',
        file: job.request.file,
        message: `a data worker crashed while preparing this scan: ${error.message}`,
        cause: error,
      }),
    );
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      this.slots[index] = this.spawn();
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job !== null) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  /**
   * Prepares one sample (queued first-in first-out).
   * @throws {TrainerError} `unreadable-scan` naming the file, or `worker` when a worker died.
   */
  prepare(request: SampleRequest): Promise<PreparedSample> {
    if (this.closed) {
      return Promise.reject(
        new TrainerError({ code: 'worker', message: 'the sample preparer is closed' }),
      );
    }
    if (this.threads === 0) return prepareSample(request).then((sample) => this.noted(sample));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; pending requests are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const inFlight = this.slots.flatMap((slot) => (slot.job ? [slot.job] : []));
    for (const job of [...inFlight, ...this.queue.splice(0)]) {
      job.reject(new TrainerError({ code: 'worker', message: 'the sample preparer was closed' }));
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
