import { describe, expect, it } from 'vitest';
import { parseTrainingHistory } from './training-history';

describe('parseTrainingHistory', () => {
  it('reads the trainer’s records and tolerates missing fields', () => {
    const text = [
      '{"epoch":1,"step":10,"split":"train","lr":0.001,"loss":1.5,"tasks":{"varus":{"loss":0.7,"accuracy":0.6,"balancedAccuracy":0.55,"count":40}}}',
      '{"epoch":1,"split":"val","tasks":{"varus":{"accuracy":0.5,"macro_auc":0.66}}}',
      '',
    ].join('\n');
    expect(parseTrainingHistory(text)).toEqual({
      entries: [
        {
          epoch: 1,
          split: 'train',
          loss: 1.5,
          tasks: { varus: { loss: 0.7, accuracy: 0.6, balancedAccuracy: 0.55, auc: null } },
        },
        {
          epoch: 1,
          split: 'validation',
          loss: null,
          tasks: { varus: { loss: null, accuracy: 0.5, balancedAccuracy: null, auc: 0.66 } },
        },
      ],
      warnings: [],
    });
  });

  it.each([
    ['today’s trainer (metrics.json’s keys)', '"balanced_accuracy":0.55,"n":40'],
    ['an older run folder', '"balancedAccuracy":0.55,"count":40'],
  ])('reads balanced accuracy from %s', (_, keys) => {
    const line = `{"epoch":3,"split":"validation","tasks":{"varus":{"loss":0.7,"accuracy":0.6,${keys}}}}`;
    expect(parseTrainingHistory(line).entries[0]!.tasks.varus).toEqual({
      loss: 0.7,
      accuracy: 0.6,
      balancedAccuracy: 0.55,
      auc: null,
    });
  });

  it('skips a torn last line and lines without an epoch, with warnings', () => {
    const history = parseTrainingHistory(
      '{"split":"train"}\n{"epoch":1,"loss":2}\n{"epoch":2,"lo',
      'm.jsonl',
    );
    expect(history.entries).toHaveLength(1);
    expect(history.warnings).toEqual([
      'm.jsonl line 1: skipped a line without a numeric epoch',
      'm.jsonl line 3: skipped a torn last line',
    ]);
  });

  it('skips a broken line in the middle (a torn write resumed after), naming file and line', () => {
    const history = parseTrainingHistory(
      '{"epoch":1}\n{"epoch":2,"lo{"epoch":2,"loss":1}\n{"epoch":3}\n',
      'm.jsonl',
    );
    expect(history.entries.map((entry) => entry.epoch)).toEqual([1, 3]);
    expect(history.warnings).toEqual([
      'm.jsonl line 2: skipped a line that is not JSON (a torn write?): \'{"epoch":2,"lo{"epoch":2,"loss":1}\'',
    ]);
  });
});
