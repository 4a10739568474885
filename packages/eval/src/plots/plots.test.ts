import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { calibration } from '../metrics/calibration';
import { rocCurve } from '../metrics/roc';
import { parseTrainingHistory } from '../training-history';
import { confusionMatrixSpec } from './confusion-matrix-plot';
import { reliabilitySpec } from './reliability-plot';
import { renderVegaLite } from './render-vega-lite';
import { rocSpec } from './roc-plot';
import { lossCurveSpec, taskCurvesSpec } from './training-curves-plot';

/** The text of every `<text>` element of an SVG, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&#39;', "'"),
  );
}

/** Dark pixels of an SVG rendered with the system fonts. */
function darkPixels(svg: string): number {
  const pixels = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 200) dark++;
  return dark;
}

const CLASSES = ['none-rim', 'subcritical', 'headsplit'];
const MATRIX = [
  [17, 3, 0],
  [4, 11, 2],
  [1, 5, 9],
];

describe('plots', { timeout: 30_000 }, () => {
  it('draws a confusion matrix with every class name, count and row share', async () => {
    const { svg, png } = await renderVegaLite(confusionMatrixSpec('articular', CLASSES, MATRIX));
    const texts = svgTexts(svg);
    expect(texts).toContain('Confusion matrix — articular');
    for (const name of CLASSES)
      expect(texts.filter((t) => t === name).length).toBeGreaterThanOrEqual(4);
    for (const count of MATRIX.flat()) expect(texts).toContain(String(count));
    for (const share of ['85.0%', '15.0%', '23.5%', '64.7%', '11.8%', '6.7%', '33.3%', '60.0%'])
      expect(texts).toContain(share);
    expect(texts).toEqual(expect.arrayContaining(['Predicted class', 'True class', 'Counts']));
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it('gives the same figure the same SVG bytes, whatever was rendered before it', async () => {
    const first = await renderVegaLite(confusionMatrixSpec('articular', CLASSES, MATRIX));
    await renderVegaLite(
      confusionMatrixSpec(
        'varus',
        ['no', 'yes'],
        [
          [3, 1],
          [0, 4],
        ],
      ),
    );
    const again = await renderVegaLite(confusionMatrixSpec('articular', CLASSES, MATRIX));
    expect(first.svg).toMatch(/id="gradient_1"/);
    expect(again.svg).toBe(first.svg);
  });

  it('renders the text of a PNG with real fonts (not dropped for want of a font)', async () => {
    const { svg } = await renderVegaLite(confusionMatrixSpec('articular', CLASSES, MATRIX));
    const withoutText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    expect(darkPixels(svg) - darkPixels(withoutText)).toBeGreaterThan(2000);
  });

  it('draws ROC curves with one legend entry per class (AUC) and the operating points', async () => {
    const truth = [0, 0, 1, 1, 0, 1];
    const scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9];
    const spec = rocSpec(
      'varus',
      [{ className: 'yes vs no', auc: 0.889, points: rocCurve(truth, scores) }],
      {
        at_0_5: { threshold: 0.5, sensitivity: 0.67, specificity: 1, youden_j: 0.67 },
        youden: { threshold: 0.35, sensitivity: 1, specificity: 0.67, youden_j: 0.67 },
      },
    );
    const texts = svgTexts((await renderVegaLite(spec)).svg);
    expect(texts).toEqual(
      expect.arrayContaining([
        'ROC curves — varus',
        'yes vs no (AUC 0.889)',
        'threshold 0.5',
        "Youden's J (threshold 0.350)",
        'False positive rate (1 − specificity)',
        'True positive rate (sensitivity)',
      ]),
    );
  });

  it('marks the chosen operating point on the ROC curve', async () => {
    const truth = [0, 0, 1, 1, 0, 1];
    const scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9];
    const spec = rocSpec(
      'varus',
      [{ className: 'yes vs no', auc: 0.889, points: rocCurve(truth, scores) }],
      null,
      {
        rule: 'sensitivity:0.95',
        threshold: 0.35,
        validation: { n: 40, sensitivity: 0.96, specificity: 0.7 },
        sensitivity: 1,
        specificity: 2 / 3,
        ci95: { sensitivity: null, specificity: null },
      },
    );
    const { svg } = await renderVegaLite(spec);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['Predictions made at', 'sensitivity:0.95 (threshold 0.350)']),
    );
    // The diamond sits at (1 − specificity, sensitivity) = (1/3, 1).
    const layer = (spec as { layer: { data: { values: { fpr: number; tpr: number }[] } }[] }).layer;
    const [marked] = layer.at(-1)!.data.values;
    expect(marked!.fpr).toBeCloseTo(1 / 3, 15);
    expect(marked!.tpr).toBe(1);
  });

  it('draws reliability before and after temperature scaling side by side', async () => {
    const before = calibration([0.6, 0.4, 0.55, 0.45, 0.4, 0.6], [0, 0, 1], [0, 0, 1], 2);
    const after = calibration([0.9, 0.1, 0.7, 0.3, 0.2, 0.8], [0, 0, 1], [0, 0, 1], 2);
    const texts = svgTexts(
      (
        await renderVegaLite(
          reliabilitySpec('varus', after, { calibration: before, temperature: 0.42 }),
        )
      ).svg,
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        `Reliability — varus: ECE ${before.ece!.toFixed(3)} → ${after.ece!.toFixed(3)} (T = 0.420)`,
        'before temperature scaling',
        'after (logits / 0.420)',
      ]),
    );
  });

  it('draws a reliability diagram with the ECE and bin counts', async () => {
    const result = calibration([0.9, 0.1, 0.8, 0.2, 0.3, 0.7], [0, 1, 1], [0, 0, 1], 2);
    const texts = svgTexts((await renderVegaLite(reliabilitySpec('varus', result))).svg);
    expect(texts).toContain(`Reliability — varus (ECE ${result.ece!.toFixed(3)})`);
    // confidences 0.9, 0.8 and 0.7: three bins of one row each
    expect(texts.filter((t) => t === 'n=1')).toHaveLength(3);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Observed accuracy',
        'Confidence (probability of the predicted class)',
      ]),
    );
  });

  it('draws training curves per split and per task from metrics.jsonl', async () => {
    const history = parseTrainingHistory(
      [
        '{"epoch":1,"split":"train","loss":1.2,"tasks":{"varus":{"loss":0.5,"accuracy":0.6},"articular":{"accuracy":0.4}}}',
        '{"epoch":2,"split":"train","loss":0.9,"tasks":{"varus":{"loss":0.4,"accuracy":0.7},"articular":{"accuracy":0.5}}}',
        '{"epoch":2,"split":"val","loss":1.0,"tasks":{"varus":{"accuracy":0.65,"auc":0.7}}}',
      ].join('\n'),
    );
    const loss = svgTexts((await renderVegaLite(lossCurveSpec(history.entries)!)).svg);
    expect(loss).toEqual(
      expect.arrayContaining([
        'Training curves — total loss',
        'train',
        'validation',
        'Epoch',
        'Loss',
      ]),
    );
    const accuracy = svgTexts(
      (await renderVegaLite(taskCurvesSpec(history.entries, 'accuracy')!)).svg,
    );
    expect(accuracy).toEqual(expect.arrayContaining(['varus', 'articular', 'Accuracy']));
    expect(taskCurvesSpec(history.entries, 'balancedAccuracy')).toBeNull();
  });
});
