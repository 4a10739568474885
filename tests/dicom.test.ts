import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './workspace';

/**
 * DICOM series wherever a scan goes: the phantom dataset written as series folders trains and
 * validates to the same metrics as the same dataset written as NIfTI; inspect, convert, predict
 * and explain take a series folder; patient data stay out of every output.
 */

/** A tiny DenseNet at 16³ so that two epochs take seconds (as in pipeline.test.ts). */
const TINY = [
  '--size',
  '16',
  '--model',
  'custom',
  '--set',
  'model.initFeatures=8',
  '--set',
  'model.growthRate=4',
  '--set',
  'model.blockConfig=[1,1]',
  '--batch-size',
  '4',
  '--validate-every',
  '1',
  '--augment',
  'none',
  '--set',
  'schedule.warmupEpochs=1',
  '--seed',
  '7',
];

const FIXTURES = join(ROOT, 'packages/dicom-io/fixtures');
/** The dummy patient data the dicom-io fixture script writes into every file. */
const PATIENT_DATA = [
  'Doe^Jane',
  'PAT-ID-4711',
  '19010203',
  'Phantom General Hospital',
  'ACC-998877',
];

interface Metrics {
  tasks: Record<string, Record<string, unknown>>;
}

let work: string;
const data = { nifti: '', dicom: '' };
const runs = { nifti: '', dicom: '' };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ct-fracture-dicom-e2e-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the phantom dataset as DICOM series and as NIfTI', () => {
  it('synth --format dicom writes a series folder per scan, named like the NIfTI file', () => {
    for (const format of ['nifti', 'dicom'] as const) {
      data[format] = join(work, `data-${format}`);
      const result = runCli([
        'synth',
        '--out',
        data[format],
        '--train',
        '12',
        '--test',
        '6',
        '--size',
        'small',
        '--seed',
        '4',
        '--orientation',
        'LAS',
        '--format',
        format,
      ]);
      expect(result.code, result.stderr).toBe(0);
    }
    const train = join(data.dicom, 'new_datasets', 'one_side_train');
    expect(readdirSync(train)).toEqual(
      readdirSync(join(data.nifti, 'new_datasets', 'one_side_train')).map((name) =>
        name.replace(/\.nii$/, ''),
      ),
    );
    expect(readdirSync(join(train, 'phantom0001'))[0]).toBe('slice-0001.dcm');
  });

  it('labels check matches series folders to rows', () => {
    const result = runCli([
      'labels',
      'check',
      '--csv',
      join(data.dicom, 'train_labels.csv'),
      '--scans',
      join(data.dicom, 'new_datasets', 'one_side_train'),
      '--strict',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { errorCount: number; matched: number };
    expect(report).toMatchObject({ errorCount: 0, matched: 12 });
  });

  it('train + validate give the same metrics on the DICOM and the NIfTI dataset', () => {
    const validation: Record<string, Metrics> = {};
    for (const format of ['nifti', 'dicom'] as const) {
      runs[format] = join(work, `run-${format}`);
      const trained = runCli([
        'train',
        '--data',
        data[format],
        '--run-dir',
        runs[format],
        '--epochs',
        '2',
        ...TINY,
        '--cache-dir',
        join(work, `cache-${format}`),
        '--json',
      ]);
      expect(trained.code, trained.stderr).toBe(0);
      const validated = runCli([
        'validate',
        '--checkpoint',
        join(runs[format], 'checkpoints', 'best'),
        '--data',
        data[format],
        '--out',
        join(work, `validation-${format}`),
        '--json',
      ]);
      expect(validated.code, validated.stderr).toBe(0);
      validation[format] = (JSON.parse(validated.stdout) as { metrics: Metrics }).metrics;
    }
    // A series and its NIfTI twin go through the same fused preprocessing: the model inputs, and
    // so every metric, are equal bit for bit.
    expect(validation.dicom).toEqual(validation.nifti);
    const [nifti, dicom] = [runs.nifti, runs.dicom].map((run) =>
      readFileSync(join(run, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { loss: number }).loss),
    );
    expect(dicom).toEqual(nifti);
    // The DICOM run's cache holds entries keyed by the series' content, in the cache folder
    // asked for — never inside the dataset.
    expect(readdirSync(join(work, 'cache-dicom')).length).toBeGreaterThan(0);
    expect(existsSync(join(data.dicom, '.ct-fracture-cache'))).toBe(false);
  });

  it('predict and explain take a series folder and agree with its NIfTI twin', () => {
    const checkpoint = join(runs.nifti, 'checkpoints', 'best');
    const series = join(data.dicom, 'new_datasets', 'one_side_test', 'phantom0013');
    const file = join(data.nifti, 'new_datasets', 'one_side_test', 'phantom0013.nii');
    const result = runCli(['predict', '--checkpoint', checkpoint, file, series, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [fromNifti, fromDicom] = (
      JSON.parse(result.stdout) as {
        predictions: { tasks: Record<string, { pred: string; probs: Record<string, number> }> }[];
      }
    ).predictions;
    for (const [task, prediction] of Object.entries(fromNifti!.tasks)) {
      expect(fromDicom!.tasks[task]!.pred).toBe(prediction.pred);
      for (const [name, p] of Object.entries(prediction.probs)) {
        expect(fromDicom!.tasks[task]!.probs[name]).toBeCloseTo(p, 5);
      }
    }
    const out = join(work, 'cams');
    const explained = runCli([
      'explain',
      '--checkpoint',
      checkpoint,
      series,
      '--task',
      'varus',
      '--out',
      out,
      '--json',
    ]);
    expect(explained.code, explained.stderr).toBe(0);
    const summary = JSON.parse(explained.stdout) as { files: { nifti: string } };
    expect(summary.files.nifti).toContain('phantom0013_varus_');
    expect(existsSync(summary.files.nifti)).toBe(true);
  });
});

describe('inspect and convert a DICOM series', () => {
  it('inspect prints the NIfTI schema with format "dicom", and no patient data', () => {
    const result = runCli(['inspect', join(FIXTURES, 'series', 'oblique'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      'path',
      'format',
      'compressed',
      'shape',
      'datatype',
      'spacing',
      'affine',
      'orientation',
      'scaling',
      'stats',
      'series',
      'warnings',
    ]);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', 'oblique.json'), 'utf8'));
    expect(summary).toMatchObject({
      format: 'dicom',
      compressed: false,
      shape: expected.shape,
      datatype: 'uint16',
      orientation: expected.axcodes,
      scaling: { slope: 1, intercept: -1024 },
      stats: { min: expected.min, max: expected.max },
    });
    for (const text of PATIENT_DATA) expect(result.stdout + result.stderr).not.toContain(text);
  });

  it.each(['oblique', 'signed-slope-jpeg2000', 'multiframe'])(
    'convert %s: nibabel sees what it sees in dcm2niix’s output, voxel for voxel',
    async (name) => {
      const out = join(work, `${name}.nii.gz`);
      const result = runCli(['convert', join(FIXTURES, 'series', name), out]);
      expect(result.code, result.stderr).toBe(0);
      const { volume, header } = await readNifti(out);
      const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${name}.json`), 'utf8'));
      const raw = gunzipSync(readFileSync(join(FIXTURES, 'expected', `${name}.f32.gz`)));
      const values = new Float32Array(
        raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength),
      );
      expect(volume.shape).toEqual(expected.shape);
      volume.affine.flat().forEach((value, index) => {
        expect(Math.abs(value - expected.affine.flat()[index])).toBeLessThan(1e-3);
      });
      expect(volume.data.findIndex((value, index) => value !== values[index])).toBe(-1);
      expect(header.datatype).toBe('int16');
      const bytes = readFileSync(out);
      for (const text of PATIENT_DATA) expect(gunzipSync(bytes).includes(text)).toBe(false);
    },
  );

  it('a folder of two series names each and asks for --series', () => {
    const result = runCli(['inspect', join(FIXTURES, 'series', 'two-series')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /holds 2 series, choose one with --series UID .*"bone kernel" \(12 slices\).*"soft tissue" \(12 slices\)/,
    );
  });
});
