import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeDicomFolder } from '@ct-fracture/dicom-io/node';
import { readNifti } from '@ct-fracture/nifti-io/node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSizeCheckpoint, writePhantomScan } from './support/viewer-fixture';
import { ROOT, runCli } from './workspace';

const CHROMIUM = '/usr/bin/chromium';
/** The machine's headless Chromium flags; SwiftShader gives WebGL2 without a GPU (NiiVue, tfjs webgl). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
const GRAD_CAM_TASK = 'gt_displacement';

interface PagePrediction {
  task: string;
  pred: string;
  probs: Record<string, number>;
}
interface CliPrediction {
  pred: string;
  probs: Record<string, number>;
}
interface ExplainJson {
  class: string;
  layer: string;
  maxVoxel: [number, number, number];
  maxWorldMm: [number, number, number];
  files: { nifti: string };
}

let dir: string;
let scan: string;
let checkpoint: string;
let viewer: ChildProcess;
let url: string;
let browser: Browser;
let predicted: Record<string, CliPrediction>;
let series: string;
let seriesPredicted: Record<string, CliPrediction>;
let explained: ExplainJson;

/** Starts `ct-fracture view` and resolves with the URL it prints on stdout. */
function startView(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'apps/cli/bin/ct-fracture.cjs'), 'view', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, url: out.trim() });
    });
    child.on('exit', (code) => reject(new Error(`view exited with ${code}: ${err}`)));
  });
}

/** A raw GET: the target goes on the wire as written (no URL normalisation). */
function rawGet(target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the page on a backend, recording console errors and requests that leave the origin. */
async function openPage(backend: string) {
  const page = await browser.newPage({ acceptDownloads: true });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (sent) => {
    const target = new URL(sent.url());
    if (target.origin !== origin && target.protocol !== 'data:' && target.protocol !== 'blob:') {
      foreignRequests.push(sent.url());
    }
  });
  await page.goto(`${url}?backend=${backend}`);
  await page.waitForSelector('[data-testid=checkpoint-info]:not([hidden])', { timeout: 60_000 });
  return { page, consoleErrors, foreignRequests };
}

/** Operations the page has finished (`body[data-operations]`). */
async function operations(page: Page): Promise<number> {
  return Number((await page.getAttribute('body', 'data-operations')) ?? 0);
}

/**
 * Runs `action` (choosing files, clicking) and waits until the page has finished the operations
 * it starts; returns the status line then (ready, or the error message).
 */
async function act(page: Page, action: () => Promise<unknown>, count = 1): Promise<string> {
  const before = await operations(page);
  await action();
  await page.waitForFunction(
    (target) => Number(document.body.dataset.operations ?? 0) >= target,
    before + count,
    { timeout: 240_000 },
  );
  return ((await page.textContent('[data-testid=status]')) ?? '').trim();
}

function openScan(page: Page, file: string): Promise<string> {
  return act(page, () => page.setInputFiles('[data-testid=scan-input]', file));
}

function pagePredictions(page: Page): Promise<PagePrediction[]> {
  return page.$$eval('[data-testid=prediction]', (elements) =>
    elements.map((element) => ({
      task: element.getAttribute('data-task')!,
      pred: element.getAttribute('data-class')!,
      probs: JSON.parse(element.getAttribute('data-probs')!) as Record<string, number>,
    })),
  );
}

function expectPredictionsClose(
  got: PagePrediction[],
  tolerance: number,
  reference: Record<string, CliPrediction> = predicted,
): void {
  expect(got.map((entry) => entry.task)).toEqual(Object.keys(reference));
  for (const entry of got) {
    const want = reference[entry.task]!;
    expect(entry.pred).toBe(want.pred);
    expect(Object.keys(entry.probs)).toEqual(Object.keys(want.probs));
    for (const [name, probability] of Object.entries(entry.probs)) {
      expect(Math.abs(probability - want.probs[name]!)).toBeLessThan(tolerance);
    }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-viewer-e2e-'));
  checkpoint = join(dir, 'ckpt');
  await writeDemoSizeCheckpoint(checkpoint);
  scan = writePhantomScan(join(dir, 'data'));
  const predict = runCli(['predict', '--checkpoint', checkpoint, scan, '--json']);
  expect(predict.code, predict.stderr).toBe(0);
  predicted = JSON.parse(predict.stdout).predictions[0].tasks;
  const explain = runCli([
    'explain',
    '--checkpoint',
    checkpoint,
    scan,
    '--task',
    GRAD_CAM_TASK,
    '--out',
    join(dir, 'cams'),
    '--json',
  ]);
  expect(explain.code, explain.stderr).toBe(0);
  explained = JSON.parse(explain.stdout);
  series = join(dir, 'P002-series');
  await writeDicomFolder(series, (await readNifti(scan)).volume, { uidKey: 'viewer-e2e' });
  const predictSeries = runCli(['predict', '--checkpoint', checkpoint, series, '--json']);
  expect(predictSeries.code, predictSeries.stderr).toBe(0);
  seriesPredicted = JSON.parse(predictSeries.stdout).predictions[0].tasks;
  ({ child: viewer, url } = await startView(['--checkpoint', checkpoint, '--port', '0']));
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }
});

afterAll(async () => {
  await browser?.close();
  viewer?.kill('SIGINT');
  await rm(dir, { recursive: true, force: true });
});

describe('ct-fracture view: its server', () => {
  it('prints http://127.0.0.1:N/ on stdout', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/checkpoint/%2e%2e/%2e%2e/package.json',
    '/checkpoint/..%2f..%2f..%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/checkpoint/',
    '/assets/',
  ])('refuses %s', async (target) => {
    const response = await rawGet(target);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toMatch(/root:|"name"|<a href/);
  });

  it('serves the checkpoint files it was given', async () => {
    const response = await rawGet('/checkpoint/ct-fracture.json');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).format).toBe('ct-fracture-checkpoint');
  });
});

describe.skipIf(!existsSync(CHROMIUM))(
  'the viewer in headless Chromium (Debian chromium + playwright-core)',
  () => {
    it('cpu: predictions equal predict --json (1e-4); Grad-CAM equals explain (maximum within one voxel, NIfTI within 1e-3); bad input leaves the page working', async () => {
      const { page, consoleErrors, foreignRequests } = await openPage('cpu');
      expect(await page.getAttribute('[data-testid=backend]', 'data-backend')).toBe('cpu');
      expect(await openScan(page, scan)).toContain('tasks predicted on cpu');
      expectPredictionsClose(await pagePredictions(page), 1e-4);
      const tensors = await page.getAttribute('body', 'data-tensors');

      await page.selectOption('[data-testid=explain-task]', GRAD_CAM_TASK);
      expect(await act(page, () => page.click('[data-testid=explain-button]'))).toContain(
        `Grad-CAM of ${GRAD_CAM_TASK} = ${explained.class}`,
      );
      const panel = await page.$eval('[data-testid=gradcam]', (element) => ({
        ...element.dataset,
      }));
      expect([panel.class, panel.layer]).toEqual([explained.class, explained.layer]);
      const maxVoxel = JSON.parse(panel.maxVoxel!) as number[];
      maxVoxel.forEach((value, axis) => {
        expect(Math.abs(value - explained.maxVoxel[axis]!)).toBeLessThanOrEqual(1);
      });
      const crosshair = JSON.parse(
        (await page.getAttribute('[data-testid=crosshair]', 'data-mm'))!,
      ) as number[];
      const maxWorldMm = JSON.parse(panel.maxWorldMm!) as number[];
      crosshair.forEach((value, axis) => {
        expect(Math.abs(value - maxWorldMm[axis]!)).toBeLessThan(1e-3);
      });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=heatmap-download]'),
      ]);
      expect(download.suggestedFilename()).toBe(basename(explained.files.nifti));
      const downloaded = new Uint8Array(await readFile((await download.path())!));
      const written = new Uint8Array(await readFile(explained.files.nifti));
      expect(gunzipSync(downloaded).subarray(0, 352)).toEqual(gunzipSync(written).subarray(0, 352));
      const [ours, theirs] = await Promise.all([readNifti(downloaded), readNifti(written)]);
      expect(ours.volume.shape).toEqual(theirs.volume.shape);
      let worst = 0;
      ours.volume.data.forEach((value, index) => {
        worst = Math.max(worst, Math.abs(value - theirs.volume.data[index]!));
      });
      expect(worst).toBeLessThan(1e-3);

      // A DICOM series folder: the same predictions as predict on that folder.
      expect(
        await act(page, () => page.setInputFiles('[data-testid=scan-folder-input]', series)),
      ).toContain('tasks predicted on cpu');
      expect(await page.textContent('[data-testid=scan-summary]')).toMatch(
        /^P002-series — DICOM series \(\d+ slices\)/,
      );
      expectPredictionsClose(await pagePredictions(page), 1e-4, seriesPredicted);

      // A folder holding two series: the page lists them and opens the one chosen.
      const study = join(dir, 'study');
      const { volume } = await readNifti(scan);
      await writeDicomFolder(
        join(study, 'a'),
        { ...volume, data: volume.data.map((v) => v * 0.5) },
        {
          uidKey: 'viewer-e2e-other',
          seriesDescription: 'other',
        },
      );
      await writeDicomFolder(join(study, 'b'), volume, {
        uidKey: 'viewer-e2e',
        seriesDescription: 'phantom',
      });
      expect(
        await act(page, () => page.setInputFiles('[data-testid=scan-folder-input]', study)),
      ).toMatch(/'study': study holds 2 DICOM series: choose one in the list under Open/);
      const chosen = await page.$eval(
        '[data-testid=series-select]',
        (select) =>
          Array.from((select as HTMLSelectElement).options).find((option) =>
            option.text.startsWith('phantom'),
          )?.value,
      );
      expect(
        await act(page, () => page.selectOption('[data-testid=series-select]', chosen!)),
      ).toContain('tasks predicted on cpu');
      expectPredictionsClose(await pagePredictions(page), 1e-4, seriesPredicted);

      // Bad input: a clear message, and the page keeps working.
      const bad = join(dir, 'bad');
      await mkdir(join(bad, 'not-a-checkpoint'), { recursive: true });
      await writeFile(join(bad, 'notes.nii'), 'these are notes, not a scan\n'.repeat(20));
      await writeFile(join(bad, 'not-a-checkpoint', 'notes.txt'), 'hello');
      expect(await openScan(page, join(bad, 'notes.nii'))).toMatch(
        /Could not open the scan 'notes\.nii': notes\.nii is not a NIfTI file \(\.nii, \.nii\.gz\) — sizeof_hdr must be 348/,
      );
      expect(
        await openScan(page, join(ROOT, 'packages/nifti-io/fixtures/nifti/4d_float32.nii.gz')),
      ).toMatch(
        /4d_float32\.nii\.gz: a 4D image \(\d+×\d+×\d+×\d+\): the viewer reads one 3D CT volume/,
      );
      expect(
        await act(page, () =>
          page.setInputFiles('[data-testid=checkpoint-input]', join(bad, 'not-a-checkpoint')),
        ),
      ).toMatch(
        /'not-a-checkpoint' is not a checkpoint folder: it must hold model\.json, weights\.bin and ct-fracture\.json/,
      );
      expect(
        await act(page, () => page.setInputFiles('[data-testid=checkpoint-input]', checkpoint)),
      ).toContain('tasks predicted on cpu');
      expect(await openScan(page, scan)).toContain('tasks predicted on cpu');
      expectPredictionsClose(await pagePredictions(page), 1e-4);
      // No tensor leaked by predictions, Grad-CAM, DICOM, failures and a checkpoint reopened.
      expect(await page.getAttribute('body', 'data-tensors')).toBe(tensors);

      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });

    it('webgl (SwiftShader): predictions equal predict --json (1e-3), Grad-CAM maximum within one voxel of explain', async () => {
      const { page, consoleErrors, foreignRequests } = await openPage('webgl');
      expect(await page.getAttribute('[data-testid=backend]', 'data-backend')).toBe('webgl');
      expect(await openScan(page, scan)).toContain('tasks predicted on webgl');
      expectPredictionsClose(await pagePredictions(page), 1e-3);
      await page.selectOption('[data-testid=explain-task]', GRAD_CAM_TASK);
      expect(await act(page, () => page.click('[data-testid=explain-button]'))).toContain(
        `Grad-CAM of ${GRAD_CAM_TASK} = ${explained.class} on webgl`,
      );
      const maxVoxel = JSON.parse(
        (await page.getAttribute('[data-testid=gradcam]', 'data-max-voxel'))!,
      ) as number[];
      maxVoxel.forEach((value, axis) => {
        expect(Math.abs(value - explained.maxVoxel[axis]!)).toBeLessThanOrEqual(1);
      });
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  },
);

describe('ct-fracture view: Ctrl-C', () => {
  it('stops serving and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => viewer.on('exit', resolve));
    viewer.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
