/** One epoch's (or validation pass's) numbers from `metrics.jsonl`. */
export interface HistoryEntry {
  epoch: number;
  /** `'train'` or `'validation'` (`'val'` is read as `'validation'`); other names kept as given. */
  split: string;
  /** Total loss, when recorded. */
  loss: number | null;
  /** Per task: whichever of loss, accuracy, balanced accuracy and AUC the line has. */
  tasks: Record<
    string,
    {
      loss: number | null;
      accuracy: number | null;
      balancedAccuracy: number | null;
      auc: number | null;
    }
  >;
}

/** A parsed `metrics.jsonl` and the lines that were skipped, with why. */
export interface TrainingHistory {
  entries: HistoryEntry[];
  warnings: string[];
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function pick(object: Record<string, unknown>, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = numberOrNull(object[key]);
    if (value !== null) return value;
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a run's `metrics.jsonl`: one JSON object per line with at least `epoch` and `split`
 * (`train` | `validation`/`val`), and optionally `loss` and per-task objects under `tasks`
 * (`{loss, accuracy, balancedAccuracy | balanced_accuracy, auc | macro_auc}`). Missing fields are
 * `null`. A torn last line (a killed run), any other line that is not JSON and lines without an
 * epoch are skipped with a warning naming the line (the history only draws curves: a damaged
 * line must not cost the report).
 * @param text - the file's text.
 * @param file - its name, for messages.
 * @example
 * ```ts
 * parseTrainingHistory('{"epoch":1,"split":"train","loss":0.9,"tasks":{"varus":{"accuracy":0.7}}}\n').entries[0]!.tasks.varus!.accuracy; // 0.7
 * ```
 */
export function parseTrainingHistory(text: string, file?: string): TrainingHistory {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const entries: HistoryEntry[] = [];
  const warnings: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(
        index === lines.length - 1
          ? `${file ?? 'metrics.jsonl'} line ${index + 1}: skipped a torn last line`
          : `${file ?? 'metrics.jsonl'} line ${index + 1}: skipped a line that is not JSON (a torn write?): '${line.slice(0, 80)}'`,
      );
      return;
    }
    if (!isRecord(value) || numberOrNull(value.epoch) === null) {
      warnings.push(
        `${file ?? 'metrics.jsonl'} line ${index + 1}: skipped a line without a numeric epoch`,
      );
      return;
    }
    const rawSplit = typeof value.split === 'string' ? value.split : 'train';
    const tasks: HistoryEntry['tasks'] = {};
    if (isRecord(value.tasks)) {
      for (const [name, metrics] of Object.entries(value.tasks)) {
        if (!isRecord(metrics)) continue;
        tasks[name] = {
          loss: pick(metrics, 'loss'),
          accuracy: pick(metrics, 'accuracy'),
          balancedAccuracy: pick(metrics, 'balancedAccuracy', 'balanced_accuracy'),
          auc: pick(metrics, 'auc', 'macroAuc', 'macro_auc'),
        };
      }
    }
    entries.push({
      epoch: value.epoch as number,
      split: rawSplit === 'val' ? 'validation' : rawSplit,
      loss: numberOrNull(value.loss),
      tasks,
    });
  });
  return { entries, warnings };
}
