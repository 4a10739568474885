import type { TaskPrediction } from '../predict/predict-tasks';
import { element } from './dom';

/**
 * One block per task (DOM contract: `[data-testid=prediction][data-task=T]` with `data-class`
 * and `data-probs`): the predicted class and a bar per class probability.
 */
export function renderPredictions(predictions: readonly TaskPrediction[]): HTMLElement[] {
  return predictions.map((prediction) => {
    const block = element('div', {
      className: 'prediction',
      attributes: {
        'data-testid': 'prediction',
        'data-task': prediction.task,
        'data-class': prediction.pred,
        'data-probs': JSON.stringify(prediction.probs),
      },
    });
    const title = element('div', { className: 'prediction-title' });
    title.append(
      element('span', { className: 'task', text: prediction.task }),
      element('span', { className: 'predicted', text: prediction.pred }),
    );
    block.append(title);
    for (const [name, probability] of Object.entries(prediction.probs)) {
      const row = element('div', {
        className: name === prediction.pred ? 'bar-row chosen' : 'bar-row',
      });
      const bar = element('span', { className: 'bar' });
      const fill = element('span', { className: 'fill' });
      fill.style.width = `${(probability * 100).toFixed(1)}%`;
      bar.append(fill);
      row.append(
        element('span', { className: 'class', text: name }),
        bar,
        element('span', { className: 'value', text: probability.toFixed(3) }),
      );
      block.append(row);
    }
    return block;
  });
}
