import '@tensorflow/tfjs-backend-cpu';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyLogits, taskDecision } from '../calibration/classify-logits';
import { denseNet3dFromWeights } from '../model/create';
import { FIXTURES, readBundle, readVolumeInput } from '../test-support/fixture-bundle';
import { labelSpecFor } from '../test-support/label-spec';
import { headMappings, stateDictFromBundle } from '../test-support/state-dict-from-bundle';
import { importStateDict } from '../torch/import-state-dict';
import { ORIGINAL_PREPROCESSING } from './metadata';
import { saveCheckpoint } from './save-node';

const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
};

let server: Server;
let origin: string;
let nodeResult: Array<{
  task: string;
  logits: number[];
  probabilities: number[];
  predicted: string;
}>;

/** Temperatures on two tasks and an operating point on one: what the browser must apply too. */
const CALIBRATION = {
  calibration: {
    varus: {
      temperature: 0.7,
      validation: { n: 30, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.1 },
    },
    articular: {
      temperature: 1.6,
      validation: { n: 30, nllBefore: 0.9, nllAfter: 0.8, eceBefore: 0.2, eceAfter: 0.1 },
    },
  },
  operatingPoints: {
    varus: {
      threshold: 0.3,
      rule: 'youden',
      validation: { n: 30, sensitivity: 0.9, specificity: 0.7 },
    },
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  const root = await mkdtemp(join(tmpdir(), 'ctf-browser-'));
  const bundle = readBundle('multi-head');
  const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
  const model = denseNet3dFromWeights(imported.config, imported.weights);
  await saveCheckpoint(join(root, 'ckpt'), model, {
    labelSpec: labelSpecFor(imported.config.heads),
    preprocessing: { ...ORIGINAL_PREPROCESSING, size: [20, 20, 20] },
    provenance: { source: 'browser test' },
    ...CALIBRATION,
  });
  const x = tf.tensor5d(readVolumeInput(), [1, 20, 20, 20, 1]);
  const { logits } = model.forward(x);
  nodeResult = model.config.heads.map((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    const out = classifyLogits(head, values, taskDecision(CALIBRATION, head.task));
    return {
      task: head.task,
      logits: values,
      probabilities: out.probabilities,
      predicted: head.classes[out.classIndex]!,
    };
  });
  tf.dispose([x, ...logits]);
  model.dispose();
  await build({
    entryPoints: [join(__dirname, '..', 'browser-test', 'page-entry.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outfile: join(root, 'bundle.js'),
    logLevel: 'silent',
  });
  const files: Record<string, string> = {
    '/input.bin': join(FIXTURES, 'volume-input.bin'),
    '/bundle.js': join(root, 'bundle.js'),
  };
  server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><script type="module" src="/bundle.js"></script>');
      return;
    }
    const file =
      files[path] ??
      (path.startsWith('/ckpt/') ? join(root, normalize(path).replace(/^\/+/, '')) : undefined);
    try {
      if (file === undefined || (!file.startsWith(root) && !file.startsWith(FIXTURES)))
        throw new Error('not served');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe.skipIf(!existsSync(CHROMIUM))(
  'a checkpoint in a headless browser (Debian chromium + playwright-core)',
  () => {
    it('loads over HTTP from localhost and predicts the same classes and calibrated probabilities as Node', async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => 'ctfPredict' in globalThis, undefined, {
          timeout: 20_000,
        });
        const browserResult = await page.evaluate(
          ([checkpoint, input]) =>
            (
              globalThis as unknown as {
                ctfPredict: (a: string, b: string) => Promise<typeof nodeResult>;
              }
            ).ctfPredict(checkpoint!, input!),
          [`${origin}/ckpt/`, `${origin}/input.bin`],
        );
        expect(errors).toEqual([]);
        expect(browserResult.map((head) => head.predicted)).toEqual(
          nodeResult.map((head) => head.predicted),
        );
        browserResult.forEach((head, index) => {
          head.logits.forEach((value, classIndex) => {
            expect(Math.abs(value - nodeResult[index]!.logits[classIndex]!)).toBeLessThan(1e-5);
          });
          head.probabilities.forEach((value, classIndex) => {
            expect(Math.abs(value - nodeResult[index]!.probabilities[classIndex]!)).toBeLessThan(
              1e-5,
            );
          });
        });
      } finally {
        await browser.close();
      }
    });
  },
);
