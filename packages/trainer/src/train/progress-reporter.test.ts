import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress-reporter';

const step = (batch: number) => ({
  type: 'step' as const,
  epoch: 1,
  epochs: 2,
  batch,
  batches: 4,
  loss: 0.5,
  lr: 5e-4,
  samplesPerSecond: 2,
  dataWaitShare: 0.1,
  peakRssMb: 2140,
  etaSeconds: 3725,
});

describe('progressReporter', () => {
  it('draws one bar in place on a terminal', () => {
    const written: string[] = [];
    const report = progressReporter({ write: (text: string) => written.push(text), isTTY: true });
    report(step(1));
    report(step(2));
    report({ type: 'warning', message: 'skipped p3.nii' });
    const clear = '\r\u001b[2K';
    expect(written[0]!.startsWith(clear)).toBe(true);
    expect(written[0]!.slice(clear.length)).toMatch(
      /^epoch 1\/2 █+░+ 1\/4 loss 0\.5000 lr 5\.00e-4 2\.00 samples\/s wait 10% peak RSS 2140 MB ETA 1h02m$/,
    );
    expect(written[1]!.startsWith(`${clear}epoch 1/2`)).toBe(true);
    expect(written.slice(2)).toEqual(['\r\x1b[2K', 'warning: skipped p3.nii\n']);
  });

  it('writes plain lines, rate-limited, when not a terminal', () => {
    const written: string[] = [];
    let clock = 0;
    const report = progressReporter(
      { write: (text: string) => written.push(text) },
      { plainIntervalMs: 1000, now: () => clock },
    );
    report(step(1));
    clock = 500;
    report(step(2));
    clock = 1500;
    report(step(3));
    expect(written).toEqual([
      'epoch 1/2 batch 1/4 loss 0.5000 lr 5.00e-4 2.00 samples/s wait 10% peak RSS 2140 MB ETA 1h02m\n',
      'epoch 1/2 batch 3/4 loss 0.5000 lr 5.00e-4 2.00 samples/s wait 10% peak RSS 2140 MB ETA 1h02m\n',
    ]);
    expect(written.join('')).not.toContain('\r');
  });

  it('shows the peak RSS in the epoch summary and the final line', () => {
    const written: string[] = [];
    const report = progressReporter({ write: (text: string) => written.push(text) });
    report({
      type: 'epoch',
      record: {
        epoch: 1,
        step: 4,
        split: 'train',
        lr: 5e-4,
        loss: 0.5,
        tasks: {},
        samplesPerSecond: 0.31,
        dataWaitShare: 0.02,
        peakRssMb: 4870,
        elapsedSeconds: 40,
        time: '2026-01-01T00:00:00.000Z',
      },
    });
    report({ type: 'end', reason: 'completed', runDir: 'runs/x', peakRssMb: 4870 });
    expect(written).toEqual([
      'epoch 1 train loss 0.5000 lr 5.00e-4 0.31 samples/s wait 2% peak RSS 4870 MB | balanced acc \n',
      'training completed, peak RSS 4870 MB → runs/x\n',
    ]);
  });
});
