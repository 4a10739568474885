import { predictedClass, probabilitiesFromLogits, type TaskKind } from '@ct-fracture/core';

/**
 * The metrics of one task over an epoch or a validation pass — a `metrics.jsonl` record's task,
 * under the same keys as `metrics.json` (`@ct-fracture/eval`'s `TaskMetrics`): `accuracy`,
 * `balanced_accuracy`, `n`.
 */
export interface EpochTaskMetrics {
  /** Mean loss over the rows with a label (0 when none). */
  loss: number;
  /** Fraction of labelled rows predicted right. */
  accuracy: number;
  /** Mean per-class recall over classes present (scikit-learn `balanced_accuracy_score`). */
  balanced_accuracy: number;
  /** Rows with a label. */
  n: number;
  /** Confusion matrix, rows = true class, columns = predicted class. */
  confusion: number[][];
}

/** The sums of a {@link TaskMetricsAccumulator}, as plain data. */
export interface TaskMetricsSnapshot {
  lossSums: number[];
  counts: number[];
  confusion: number[][][];
  totalLossSum: number;
  rows: number;
}

/** The predicted class of one row from its logits: `@ct-fracture/core`'s rule on its probabilities. */
function predictRow(kind: TaskKind, logits: Float32Array, row: number, outputs: number): number {
  const rowLogits = logits.subarray(row * outputs, (row + 1) * outputs);
  return predictedClass(kind, probabilitiesFromLogits(kind, rowLogits));
}

/**
 * Accumulates per-task losses and confusion matrices over batches (rows with a missing label are
 * left out of that task).
 * @example
 * const metrics = new TaskMetricsAccumulator([{ name: 'varus', classes: 2, kind: 'binary' }]);
 * metrics.add([0.3], [logits], [labels]);
 * metrics.summary().varus.accuracy;
 */
export class TaskMetricsAccumulator {
  private readonly lossSums: number[];
  private readonly counts: number[];
  private readonly confusion: number[][][];
  private totalLossSum = 0;
  private rows = 0;

  /** @param tasks - name, number of classes and kind (binary heads have one logit). */
  constructor(
    private readonly tasks: readonly {
      name: string;
      classes: number;
      kind: 'binary' | 'multiclass';
    }[],
  ) {
    this.lossSums = tasks.map(() => 0);
    this.counts = tasks.map(() => 0);
    this.confusion = tasks.map((task) =>
      Array.from({ length: task.classes }, () => new Array<number>(task.classes).fill(0)),
    );
  }

  /**
   * Adds one batch.
   * @param taskLosses - each task's mean loss over the batch's labelled rows.
   * @param logits - per task, `[rows × outputs]` (outputs 1 for binary).
   * @param labels - per task, class indices (−1 = missing).
   * @param totalLoss - the batch's total loss (for the row-weighted mean total).
   */
  add(
    taskLosses: readonly number[],
    logits: readonly Float32Array[],
    labels: readonly Int32Array[],
    totalLoss = 0,
  ): void {
    const rows = labels[0]?.length ?? 0;
    this.totalLossSum += totalLoss * rows;
    this.rows += rows;
    this.tasks.forEach((task, t) => {
      const outputs = task.kind === 'binary' ? 1 : task.classes;
      let present = 0;
      for (let row = 0; row < rows; row += 1) {
        const label = labels[t]![row]!;
        if (label < 0) continue;
        present += 1;
        this.confusion[t]![label]![predictRow(task.kind, logits[t]!, row, outputs)]! += 1;
      }
      this.lossSums[t]! += taskLosses[t]! * present;
      this.counts[t]! += present;
    });
  }

  /** The accumulated sums as plain data (saved with an interrupted epoch, for exact resume). */
  toJSON(): TaskMetricsSnapshot {
    return {
      lossSums: [...this.lossSums],
      counts: [...this.counts],
      confusion: this.confusion.map((matrix) => matrix.map((row) => [...row])),
      totalLossSum: this.totalLossSum,
      rows: this.rows,
    };
  }

  /** Continues from a snapshot of the same tasks. */
  restore(snapshot: TaskMetricsSnapshot): void {
    this.lossSums.splice(0, this.lossSums.length, ...snapshot.lossSums);
    this.counts.splice(0, this.counts.length, ...snapshot.counts);
    this.confusion.splice(0, this.confusion.length, ...snapshot.confusion);
    this.totalLossSum = snapshot.totalLossSum;
    this.rows = snapshot.rows;
  }

  /** The row-weighted mean of the batches' total losses. */
  meanTotalLoss(): number {
    return this.rows === 0 ? 0 : this.totalLossSum / this.rows;
  }

  /** Metrics per task name. */
  summary(): Record<string, EpochTaskMetrics> {
    const result: Record<string, EpochTaskMetrics> = {};
    this.tasks.forEach((task, t) => {
      const matrix = this.confusion[t]!;
      const count = this.counts[t]!;
      let correct = 0;
      const recalls: number[] = [];
      matrix.forEach((row, c) => {
        correct += row[c]!;
        const support = row.reduce((sum, value) => sum + value, 0);
        if (support > 0) recalls.push(row[c]! / support);
      });
      result[task.name] = {
        loss: count === 0 ? 0 : this.lossSums[t]! / count,
        accuracy: count === 0 ? 0 : correct / count,
        balanced_accuracy:
          recalls.length === 0
            ? 0
            : recalls.reduce((sum, value) => sum + value, 0) / recalls.length,
        n: count,
        confusion: matrix.map((row) => [...row]),
      };
    });
    return result;
  }
}
