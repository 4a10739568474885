import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import type { AugmentationParameters } from '../config/augmentation-schema';
import { TrainerError } from '../errors/trainer-error';
import type { SamplePreparer } from './sample-preparer';
import type { PreparedSample } from './sample-request';

/** One labelled scan of a dataset. */
export interface DatasetSample {
  /** A stable id (the patient id). */
  id: string;
  /** The scan file. */
  file: string;
  /** Class index per task, in task order; −1 = missing. */
  labels: readonly number[];
}

/** A batch ready for the model. */
export interface Batch {
  /** Volumes, C order over `shape` = [B, D, H, W, 1]. */
  data: Float32Array;
  shape: [number, number, number, number, number];
  /** Per task (task order): the class index of each row, −1 = missing. */
  labels: Int32Array[];
  /** Indices into the dataset of the rows. */
  sampleIndices: number[];
  /** Milliseconds the consumer waited for this batch (0 when it was ready). */
  waitMs: number;
  /** Rows whose preprocessed volume came from the cache. */
  cacheHits: number;
}

/** How a `BatchLoader` builds batches. */
export interface BatchLoaderOptions {
  samples: readonly DatasetSample[];
  /** Dataset indices in the order they are used this epoch. */
  order: readonly number[];
  batchSize: number;
  dropLast: boolean;
  /** Batches prepared ahead of the one being consumed (≥ 1). */
  prefetchBatches: number;
  preprocessing: PreprocessOptions;
  cacheDir: string | null;
  /** Augmentation, or null (validation). */
  augmentation: AugmentationParameters | null;
  /** The augmentation seed of a dataset index. */
  seedOf: (sampleIndex: number) => number[];
  /** When set, an unreadable scan is reported here and left out instead of failing the batch. */
  onSkip?: (sample: DatasetSample, error: Error) => void;
}

/**
 * Turns an epoch's sample order into batches, preparing the next `prefetchBatches` batches while
 * the current one is consumed (on the `SamplePreparer`'s worker threads), and measures how long
 * the consumer waits for data.
 * @example
 * const loader = new BatchLoader(preparer, options);
 * for (let batch = await loader.next(); batch; batch = await loader.next()) train(batch);
 */
export class BatchLoader {
  /** The number of batches this epoch. */
  readonly length: number;
  private readonly pending: Promise<Batch | null>[] = [];
  private nextToRequest = 0;
  private nextToReturn = 0;

  constructor(
    private readonly preparer: SamplePreparer,
    private readonly options: BatchLoaderOptions,
  ) {
    if (options.batchSize < 1 || options.prefetchBatches < 1) {
      throw new RangeError('batchSize and prefetchBatches must be at least 1');
    }
    const full = Math.floor(options.order.length / options.batchSize);
    const partial = options.order.length % options.batchSize > 0 && !options.dropLast ? 1 : 0;
    this.length = full + partial;
    this.fill();
  }

  private fill(): void {
    while (
      this.nextToRequest < this.length &&
      this.nextToRequest < this.nextToReturn + this.options.prefetchBatches + 1
    ) {
      const promise = this.build(this.nextToRequest);
      // A batch may fail before it is awaited; the rejection is observed by `next`.
      promise.catch(() => undefined);
      this.pending.push(promise);
      this.nextToRequest += 1;
    }
  }

  private async build(batchIndex: number): Promise<Batch | null> {
    const { order, batchSize, samples } = this.options;
    const indices = order.slice(batchIndex * batchSize, (batchIndex + 1) * batchSize);
    const prepared = await Promise.all(
      indices.map(async (sampleIndex) => {
        const sample = samples[sampleIndex]!;
        try {
          return await this.preparer.prepare({
            file: sample.file,
            preprocessing: this.options.preprocessing,
            cacheDir: this.options.cacheDir,
            augmentation: this.options.augmentation,
            seed: this.options.seedOf(sampleIndex),
          });
        } catch (error) {
          const skippable =
            TrainerError.isInstance(error) && (error as TrainerError).code === 'unreadable-scan';
          if (skippable && this.options.onSkip) {
            this.options.onSkip(sample, error as Error);
            return null;
          }
          throw error;
        }
      }),
    );
    const rows = indices
      .map((sampleIndex, row) => ({ sampleIndex, sample: prepared[row] }))
      .filter((row): row is { sampleIndex: number; sample: PreparedSample } => row.sample != null);
    if (rows.length === 0) return null;
    const [d, h, w] = rows[0]!.sample.shape;
    const voxels = d * h * w;
    const data = new Float32Array(rows.length * voxels);
    const taskCount = samples[rows[0]!.sampleIndex]!.labels.length;
    const labels = Array.from({ length: taskCount }, () => new Int32Array(rows.length));
    rows.forEach((row, r) => {
      data.set(row.sample.data, r * voxels);
      const sampleLabels = samples[row.sampleIndex]!.labels;
      for (let t = 0; t < taskCount; t += 1) labels[t]![r] = sampleLabels[t]!;
    });
    return {
      data,
      shape: [rows.length, d, h, w, 1],
      labels,
      sampleIndices: rows.map((row) => row.sampleIndex),
      waitMs: 0,
      cacheHits: rows.filter((row) => row.sample.cacheHit).length,
    };
  }

  /**
   * The next batch, or null after the last. A batch whose every scan was skipped is passed over.
   * @throws the first preparation error of the batch (an unreadable scan names its file).
   */
  async next(): Promise<Batch | null> {
    while (this.nextToReturn < this.length) {
      const started = performance.now();
      const promise = this.pending.shift()!;
      this.nextToReturn += 1;
      this.fill();
      const batch = await promise;
      if (batch) {
        batch.waitMs = performance.now() - started;
        return batch;
      }
    }
    return null;
  }
}
