import { oneDnnStatus } from '@ct-fracture/tfjs-backend-onednn';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';
import { convolutionFlops } from './bench';

describe('ct-fracture bench', () => {
  it.each([
    [['--size', '0'], '--size must be a positive integer'],
    [['--batch', 'two'], "--batch must be a positive integer, got 'two'"],
    [['--steps', '1.5'], '--steps must be a positive integer'],
    [['--infer-size', '-1'], '--infer-size must be a non-negative integer'],
    [['--threads', '0'], "--threads must be a positive integer, got '0'"],
  ])('rejects %j with exit code 2', async (flags, message) => {
    const { code, err } = await run('bench', ...flags);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('rejects an unknown backend', async () => {
    const { code, err } = await run('bench', '--backend', 'gpu');
    expect(code).toBe(2);
    expect(err).toContain('gpu');
  });

  it('counts DenseNet121 convolution FLOPs as the issue states (10.7 GFLOP at 64³, 85.8 at 128³)', () => {
    const body = {
      inChannels: 1,
      initFeatures: 64,
      growthRate: 32,
      blockConfig: [6, 12, 24, 16],
      bnSize: 4,
      dropoutProb: 0,
    };
    expect(convolutionFlops(body, 64).total / 1e9).toBeCloseTo(10.7, 0);
    expect(convolutionFlops(body, 128).total / 1e9).toBeCloseTo(85.8, 0);
  });

  const native = oneDnnStatus().available;
  it.skipIf(!native)(
    'times DenseNet121 on onednn and prints one JSON document (needs the addon)',
    async () => {
      const { code, out, err } = await run(
        'bench',
        '--backend',
        'onednn',
        '--size',
        '32',
        '--batch',
        '2',
        '--steps',
        '1',
        '--infer-size',
        '32',
        '--threads',
        '1',
        '--json',
      );
      expect(err).toContain('backend: onednn');
      expect(code).toBe(0);
      const result = JSON.parse(out) as Record<string, unknown>;
      expect(result).toMatchObject({
        backend: 'onednn',
        threads: 1,
        size: 32,
        batch: 2,
        steps: 1,
        infer_size: 32,
      });
      for (const key of [
        'train_step_ms',
        'infer_ms',
        'peak_rss_mb',
        'train_peak_rss_mb',
        'train_conv_gflops',
        'infer_conv_gflops',
      ]) {
        expect(result[key]).toBeGreaterThan(0);
      }
      expect(out.trim().split('\n')).toHaveLength(1);
    },
    300_000,
  );
});
