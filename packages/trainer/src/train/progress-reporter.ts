import type { TrainProgressEvent } from './progress-events';

/** Where a reporter writes (stderr by default); `isTTY` selects the bar. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

function taskSummary(
  tasks: Record<string, { accuracy: number; balanced_accuracy: number }>,
): string {
  return Object.entries(tasks)
    .map(([name, task]) => `${name} ${(task.balanced_accuracy * 100).toFixed(0)}%`)
    .join(' ');
}

/**
 * A progress reporter for `train`'s `onProgress`: on a terminal, one bar line rewritten in place
 * (epoch, batch, loss, lr, samples/s, data-wait share, peak RSS, ETA); otherwise plain lines at most every
 * `plainIntervalMs` and at every epoch end, so logs stay readable.
 * @example
 * await train(config, { onProgress: progressReporter(process.stderr) });
 */
export function progressReporter(
  stream: ProgressStream,
  options: { plainIntervalMs?: number; now?: () => number } = {},
): (event: TrainProgressEvent) => void {
  const tty = stream.isTTY === true;
  const interval = options.plainIntervalMs ?? 30_000;
  const now = options.now ?? Date.now;
  let lastPlain = Number.NEGATIVE_INFINITY;
  let barShown = false;
  const line = (text: string) => {
    if (barShown) stream.write('\r\x1b[2K');
    barShown = false;
    stream.write(`${text}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'start':
        line(
          `training ${event.trainSamples} scans (${event.batchesPerEpoch} batches/epoch), ` +
            `validating ${event.validationSamples}, ${event.epochs} epochs, ` +
            `${event.dataThreads} data thread(s)` +
            (event.resumedFromEpoch === null
              ? ''
              : `, resumed at epoch ${event.resumedFromEpoch + 1}`) +
            ` → ${event.runDir}`,
        );
        break;
      case 'step': {
        const stats =
          `loss ${event.loss.toFixed(4)} lr ${event.lr.toExponential(2)} ` +
          `${event.samplesPerSecond.toFixed(2)} samples/s wait ${(event.dataWaitShare * 100).toFixed(0)}% ` +
          `peak RSS ${event.peakRssMb} MB ETA ${duration(event.etaSeconds)}`;
        if (tty) {
          const width = 20;
          const filled = Math.round((event.batch / event.batches) * width);
          const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
          let text = `epoch ${event.epoch}/${event.epochs} ${bar} ${event.batch}/${event.batches} ${stats}`;
          if (stream.columns) text = text.slice(0, stream.columns - 1);
          stream.write(`\r\x1b[2K${text}`);
          barShown = true;
        } else if (now() - lastPlain >= interval) {
          lastPlain = now();
          line(
            `epoch ${event.epoch}/${event.epochs} batch ${event.batch}/${event.batches} ${stats}`,
          );
        }
        break;
      }
      case 'scan-check': {
        const text = `checking scans (each read whole once): ${event.checked}/${event.total}`;
        if (event.checked === event.total) line(text);
        else if (tty) {
          stream.write(`\r\x1b[2K${stream.columns ? text.slice(0, stream.columns - 1) : text}`);
          barShown = true;
        } else if (now() - lastPlain >= interval) {
          lastPlain = now();
          line(text);
        }
        break;
      }
      case 'epoch': {
        const r = event.record;
        line(
          `epoch ${r.epoch} train loss ${r.loss.toFixed(4)} lr ${r.lr.toExponential(2)} ` +
            `${r.samplesPerSecond.toFixed(2)} samples/s wait ${(r.dataWaitShare * 100).toFixed(0)}% ` +
            `peak RSS ${r.peakRssMb} MB | balanced acc ${taskSummary(r.tasks)}`,
        );
        break;
      }
      case 'validation': {
        const r = event.record;
        line(
          `epoch ${r.epoch} validation loss ${r.loss.toFixed(4)}${r.best ? ' (best)' : ''} ` +
            `| balanced acc ${taskSummary(r.tasks)}`,
        );
        break;
      }
      case 'warning':
        line(`warning: ${event.message}`);
        break;
      case 'checkpoint':
        break;
      case 'end':
        line(`training ${event.reason}, peak RSS ${event.peakRssMb} MB → ${event.runDir}`);
        break;
    }
  };
}
