import { saveTrainingCheckpoint } from '../checkpoint/training-checkpoint';
import { improves, metricValue } from './best-metric';
import { peakRssMb } from './peak-rss';
import type { MetricsRecord } from './progress-events';
import { checkpointStep, type RunContext, taskRecord } from './run-context';
import { validateModel } from './validate-model';

/**
 * Validates after an epoch (`run.state.epoch` epochs done): measures the validation split,
 * updates the best value and `checkpoints/best` (by `training.bestMetric`) and the
 * early-stopping count.
 * @returns the validation record and whether early stopping's patience ran out; null when the
 *   run's signal was aborted during the pass (the state is then unchanged).
 */
export async function validateEpoch(
  run: RunContext,
  lr: number,
): Promise<{ record: MetricsRecord; stopEarly: boolean } | null> {
  const { training } = run.config;
  const { state } = run;
  const result = await validateModel(run.model, run.preparer, run.validationSamples, {
    tasks: run.tasks,
    metricTasks: run.metricTasks,
    batchSize: training.batchSize,
    prefetchBatches: training.prefetchBatches,
    preprocessing: run.config.preprocessing,
    cacheDir: run.cacheDir,
    onSkip: run.onSkip,
    signal: run.signal,
  });
  if (result === null) return null;
  const value = metricValue(training.bestMetric, result.loss, result.tasks);
  const best = state.best?.value ?? null;
  const isBest = improves(training.bestMetric, value, best);
  const improved = improves(training.bestMetric, value, best, training.earlyStopping?.minDelta);
  state.validationsWithoutImprovement = improved ? 0 : state.validationsWithoutImprovement + 1;
  if (isBest) {
    state.best = { metric: training.bestMetric, value, epoch: state.epoch };
    await saveTrainingCheckpoint(run.bestDir, {
      model: run.model,
      info: run.checkpointInfo(state.epoch),
      step: checkpointStep(state, true),
    });
    run.emit({ type: 'checkpoint', kind: 'best', dir: run.bestDir });
  }
  const record: MetricsRecord = {
    epoch: state.epoch,
    step: run.optimizer.step,
    split: 'validation',
    lr,
    loss: result.loss,
    tasks: taskRecord(result.tasks),
    samplesPerSecond: result.seconds > 0 ? result.samples / result.seconds : 0,
    dataWaitShare: 0,
    peakRssMb: peakRssMb(),
    best: isBest,
    elapsedSeconds: run.elapsedMs() / 1000,
    time: run.now().toISOString(),
  };
  const patience = training.earlyStopping?.patience;
  return {
    record,
    stopEarly: patience !== undefined && state.validationsWithoutImprovement >= patience,
  };
}
