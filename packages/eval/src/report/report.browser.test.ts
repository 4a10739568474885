import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sixTaskEvaluationInput } from '../test-support/evaluation-fixture';
import { writeEvaluation } from '../write-evaluation';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const reason = `headless Chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`;
if (!available && process.env.CI !== 'true')
  console.warn(`report.browser.test: skipped: ${reason}`);

describe('report.html in headless Chromium', () => {
  it.runIf(!available && process.env.CI === 'true')('needs Chromium under CI', () => {
    throw new Error(`CI=true: ${reason}`);
  });

  it.skipIf(!available)(
    available
      ? 'opens with no console errors, no requests and every image decoded'
      : `skipped: ${reason}`,
    async () => {
      const out = join(await mkdtemp(join(tmpdir(), 'ctf-report-')), 'validation');
      await writeEvaluation(out, sixTaskEvaluationInput(), { resamples: 200 });
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
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning')
            problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(String(error)));
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith('data:') && !url.startsWith('file:'))
            problems.push(`request: ${url}`);
        });
        await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
        const images = await page.$$eval('img', (all) =>
          all.map((img) => ({ alt: img.alt, complete: img.complete, width: img.naturalWidth })),
        );
        // training: loss, per-task accuracy and loss; 3 per task × 6; the extra (Grad-CAM) figure
        expect(images).toHaveLength(3 + 18 + 1);
        for (const image of images) {
          expect(image.complete, image.alt).toBe(true);
          expect(image.width, image.alt).toBeGreaterThan(0);
        }
        expect(problems).toEqual([]);
        const headings = await page.$$eval('h2', (all) => all.map((h) => h.textContent));
        expect(headings).toEqual(
          expect.arrayContaining([
            'Summary',
            'Dataset',
            'Training curves',
            'fracture_parts',
            'articular',
          ]),
        );
        const screenshot = join(tmpdir(), 'ct-fracture-report.png');
        await page.screenshot({ path: screenshot, fullPage: true });
        console.info(`report screenshot: ${screenshot}`);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
