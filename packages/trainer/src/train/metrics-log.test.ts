import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendMetricsRecord, parseMetricsLog, truncateMetricsLog } from './metrics-log';
import type { MetricsRecord } from './progress-events';

function record(split: 'train' | 'validation', epoch: number, step: number): MetricsRecord {
  return {
    epoch,
    step,
    split,
    lr: 1e-3,
    loss: epoch / 10,
    tasks: {},
    samplesPerSecond: 1,
    dataWaitShare: 0,
    elapsedSeconds: epoch,
    peakRssMb: 100,
    time: '2026-01-01T00:00:00.000Z',
  };
}

const line = (value: MetricsRecord) => `${JSON.stringify(value)}\n`;
const keys = (records: readonly MetricsRecord[]) => records.map((r) => `${r.split}${r.epoch}`);

describe('parseMetricsLog', () => {
  it.each([
    ['a complete log', line(record('train', 1, 2)), null],
    [
      'a torn last line (no newline)',
      `${line(record('train', 1, 2))}{"epoch":2,"st`,
      '{"epoch":2,"st',
    ],
    ['a last line that is not a record', `${line(record('train', 1, 2))}{"epo\n`, '{"epo'],
  ])('reads %s', (_name, text, tornTail) => {
    const log = parseMetricsLog(text, 'metrics.jsonl');
    expect(keys(log.records)).toEqual(['train1']);
    expect(log.tornTail).toBe(tornTail);
  });

  it('rejects a damaged line before the last, naming the line', () => {
    const text = `${line(record('train', 1, 2))}garbage\n${line(record('train', 2, 4))}`;
    expect(() => parseMetricsLog(text, 'm.jsonl')).toThrow(
      /^m\.jsonl:2: each line must be a metrics record/,
    );
  });
});

describe('truncateMetricsLog', () => {
  it('keeps the records up to the checkpoint step, each epoch once, without a torn tail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-metrics-log-'));
    const text = [
      line(record('train', 1, 2)),
      line(record('validation', 1, 2)),
      line(record('train', 2, 4)),
      line(record('train', 2, 4)), // written again by a resume that did not truncate
      line(record('validation', 2, 4)),
      line(record('train', 3, 6)), // after the checkpoint: trained again by the resume
      '{"epoch":3,"step":6,"split":"valid',
    ].join('');
    await writeFile(join(dir, 'metrics.jsonl'), text);
    const kept = await truncateMetricsLog(dir, 4);
    expect(keys(kept)).toEqual(['train1', 'validation1', 'train2', 'validation2']);
    const after = parseMetricsLog(await readFile(join(dir, 'metrics.jsonl'), 'utf8'), 'm');
    expect(keys(after.records)).toEqual(keys(kept));
    expect(after.tornTail).toBeNull();
    expect(await readdir(dir)).toEqual(['metrics.jsonl']);
    await appendMetricsRecord(dir, record('train', 3, 6));
    const appended = parseMetricsLog(await readFile(join(dir, 'metrics.jsonl'), 'utf8'), 'm');
    expect(keys(appended.records)).toEqual([...keys(kept), 'train3']);
  });

  it('is a no-op for a missing log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-metrics-log-'));
    expect(await truncateMetricsLog(dir, 10)).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
