import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { TrainerError } from '../errors/trainer-error';
import type { MetricsRecord } from './progress-events';

/** The metrics log's name in a run folder. */
export const METRICS_LOG_FILE = 'metrics.jsonl';

/** A parsed `metrics.jsonl`. */
export interface MetricsLog {
  records: MetricsRecord[];
  /** The text of an unfinished last line (a write cut short by a kill), or null. */
  tornTail: string | null;
}

function isRecord(value: unknown): value is MetricsRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record.epoch) &&
    Number.isInteger(record.step) &&
    (record.split === 'train' || record.split === 'validation')
  );
}

/**
 * Parses a metrics log: one JSON record per line, each ending in a newline. The last line is
 * torn when it has no newline or is not a record (a process killed while appending): it is
 * returned apart, not as an error.
 * @param file - for messages.
 * @throws {TrainerError} `resume` for a bad line before the last (the file was edited).
 * @example
 * parseMetricsLog('{"epoch":1,"step":3,"split":"train",…}\n{"epo', 'metrics.jsonl').tornTail; // '{"epo'
 */
export function parseMetricsLog(text: string, file: string): MetricsLog {
  const lines = text.split('\n');
  const unfinished = lines.pop() ?? '';
  const records: MetricsRecord[] = [];
  let tornTail: string | null = unfinished === '' ? null : unfinished;
  lines.forEach((line, index) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isRecord(value)) {
      records.push(value);
    } else if (index === lines.length - 1 && tornTail === null) {
      tornTail = line;
    } else {
      throw new TrainerError({
        code: 'resume',
        file,
        line: index + 1,
        value: line.slice(0, 80),
        message: `each line must be a metrics record (epoch, step, split), got '${line.slice(0, 80)}'`,
      });
    }
  });
  return { records, tornTail };
}

/**
 * Appends one record to a run's `metrics.jsonl` (one write; a kill can at worst leave a torn last
 * line, which readers skip and a resume removes).
 * @throws {TrainerError} `config-io` naming the file when it cannot be written.
 */
export async function appendMetricsRecord(runDir: string, record: MetricsRecord): Promise<void> {
  const file = join(runDir, METRICS_LOG_FILE);
  try {
    await appendFile(file, `${JSON.stringify(record)}\n`);
  } catch (error) {
    throw new TrainerError({
      code: 'config-io',
      file,
      message: `the run folder must be writable, got: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/**
 * Makes a run's `metrics.jsonl` agree with the checkpoint a resume starts from: keeps the records
 * up to optimiser step `step` (the checkpoint's) in order, each (epoch, split) once, and drops a
 * torn last line — so that after the resumed run every epoch appears exactly once. Rewritten
 * atomically, and only when something changes.
 * @returns the records kept.
 * @throws {TrainerError} `resume` for a malformed line, `config-io` when it cannot be written.
 */
export async function truncateMetricsLog(runDir: string, step: number): Promise<MetricsRecord[]> {
  const file = join(runDir, METRICS_LOG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new TrainerError({
      code: 'config-io',
      file,
      message: `the run's metrics log must be readable, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  const log = parseMetricsLog(text, file);
  const seen = new Set<string>();
  const kept = log.records.filter((record) => {
    const key = `${record.split}:${record.epoch}`;
    if (record.step > step || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (kept.length === log.records.length && log.tornTail === null) return kept;
  const rewritten = kept.map((record) => `${JSON.stringify(record)}\n`).join('');
  await writeFileAtomic(file, rewritten).catch((error: unknown) => {
    throw new TrainerError({
      code: 'config-io',
      file,
      message: `the run folder must be writable, got: ${(error as Error).message}`,
      cause: error,
    });
  });
  return kept;
}
