import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLISHED_FOLDER_MARKER } from '@ct-fracture/core/node';
import { describe, expect, it } from 'vitest';
import { parsePredictionsCsv } from './csv/predictions-csv';
import { computeMetrics } from './metrics/compute-metrics';
import { sixTaskEvaluationInput } from './test-support/evaluation-fixture';
import { writeEvaluation } from './write-evaluation';

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(folder, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(folder, path)));
    else files.push(path);
  }
  return files.sort();
}

describe('writeEvaluation', () => {
  it('writes metrics.json, predictions.csv, SVG + PNG plots and one self-contained report.html', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ctf-eval-'));
    const out = join(parent, 'validation');
    const input = sixTaskEvaluationInput();
    const result = await writeEvaluation(out, input, { resamples: 200, seed: 3 });
    const files = (await listFiles(out)).filter((file) => file !== PUBLISHED_FOLDER_MARKER);
    expect(files).toEqual(result.files);
    expect(await readdir(parent)).toEqual(['validation']); // no staging folder or lock left
    const tasks = input.predictions.tasks.map((t) => t.task.name);
    for (const task of tasks) {
      for (const kind of ['confusion-matrix', 'roc', 'reliability']) {
        expect(files).toContain(`plots/${kind}-${task}.svg`);
        expect(files).toContain(`plots/${kind}-${task}.png`);
      }
    }
    expect(files).toEqual(
      expect.arrayContaining(['plots/training-loss.svg', 'plots/training-task-accuracy.png']),
    );
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
    expect(metrics).toEqual(
      JSON.parse(JSON.stringify(computeMetrics(input.predictions, { resamples: 200, seed: 3 }))),
    );
    const written = parsePredictionsCsv(await readFile(join(out, 'predictions.csv'), 'utf8'));
    expect(written.patientIds).toEqual(input.predictions.patientIds);
    expect(written.tasks.map((t) => Array.from(t.probabilities))).toEqual(
      input.predictions.tasks.map((t) => Array.from(t.probabilities)),
    );

    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|https?:\/\//i);
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html.match(/<img /g)).toHaveLength(result.figures.length + 1);
    for (const task of tasks) expect(html).toContain(`<h2>${task}</h2>`);
    const fracture = metrics.tasks.fracture_parts;
    expect(html).toContain(
      `${fracture.accuracy.toFixed(3)} <span class="ci">(${fracture.ci95.accuracy.lower.toFixed(3)}–${fracture.ci95.accuracy.upper.toFixed(3)})</span>`,
    );
    expect(html).toContain('1-part: 26 · 2-part: 20 · multipart: 20'); // class counts
    expect(html).toContain('&quot;windowHu&quot;'); // the configuration
    expect(html).toContain('Grad-CAM &lt;fracture_parts&gt;');
  }, 60_000);

  it('replaces a previous evaluation whole: no file of the old result set survives', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ctf-eval-again-'));
    const input = sixTaskEvaluationInput();
    const one = {
      predictions: { ...input.predictions, tasks: input.predictions.tasks.slice(0, 1) },
    };
    const other = {
      predictions: { ...input.predictions, tasks: input.predictions.tasks.slice(4, 5) },
    };
    const first = await writeEvaluation(out, one, { resamples: 100 });
    const second = await writeEvaluation(out, other, { resamples: 100 });
    const files = (await listFiles(out)).filter((file) => file !== PUBLISHED_FOLDER_MARKER);
    expect(files).toEqual(second.files);
    expect(
      first.files.filter((file) => file.startsWith('plots/')).some((f) => files.includes(f)),
    ).toBe(false);
  }, 60_000);

  it('writes into an existing folder file by file, keeping what else is there', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ctf-eval-run-'));
    await mkdir(join(out, 'checkpoints'));
    await writeFile(join(out, 'checkpoints', 'keep.txt'), 'keep');
    await writeFile(join(out, 'report.html'), 'old');
    const input = sixTaskEvaluationInput();
    const small = {
      predictions: { ...input.predictions, tasks: input.predictions.tasks.slice(4, 5) },
    };
    const result = await writeEvaluation(out, small, { resamples: 100 });
    const files = await listFiles(out);
    expect(files).toEqual([...result.files, 'checkpoints/keep.txt'].sort());
    expect(await readFile(join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  }, 60_000);

  it('fails with an io error naming the folder when it cannot write', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'ctf-eval-'));
    await writeFile(join(parent, 'file'), 'x');
    const input = sixTaskEvaluationInput();
    const small = {
      predictions: { ...input.predictions, tasks: input.predictions.tasks.slice(1, 2) },
    };
    await expect(
      writeEvaluation(join(parent, 'file', 'out'), small, { resamples: 100 }),
    ).rejects.toThrow(/file\/out: the output folder must be writable/);
  }, 60_000);
});
