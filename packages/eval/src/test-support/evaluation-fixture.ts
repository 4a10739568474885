import { readFileSync } from 'node:fs';
import { parsePredictionsCsv } from '../csv/predictions-csv';
import type { EvaluationInput } from '../write-evaluation';

/** The six-task scikit-learn case with a made-up training history: realistic report input. */
export function sixTaskEvaluationInput(): EvaluationInput {
  const fixture = JSON.parse(
    readFileSync(new URL('../../fixtures/sklearn-metrics.json', import.meta.url), 'utf8'),
  ) as { cases: { name: string; csv: string }[] };
  const predictions = parsePredictionsCsv(fixture.cases.find((c) => c.name === 'six-tasks')!.csv);
  const names = predictions.tasks.map((t) => t.task.name);
  const lines: string[] = [];
  for (let epoch = 1; epoch <= 10; epoch++) {
    const tasks = Object.fromEntries(
      names.map((name, i) => [
        name,
        { loss: 1 / epoch + i / 20, accuracy: 0.9 - 0.4 / epoch - i / 50 },
      ]),
    );
    lines.push(JSON.stringify({ epoch, split: 'train', loss: 3 / epoch + 0.2, tasks }));
    if (epoch % 5 === 0)
      lines.push(JSON.stringify({ epoch, split: 'validation', loss: 3 / epoch + 0.4, tasks }));
  }
  const pixel = Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  return {
    predictions,
    history: `${lines.join('\n')}\n`,
    config: {
      model: { architecture: 'densenet121', heads: names },
      preprocessing: { windowHu: [-500, 1300] },
    },
    dataset: { split: 'test', data: '/data/humerus' },
    extraFigures: [
      { title: 'Grad-CAM <fracture_parts>', caption: 'a 1×1 stand-in PNG', png: pixel },
    ],
    generatedAt: new Date('2026-01-01T00:00:00Z'),
  };
}
