// Drives the built viewer in Debian's headless Chromium (playwright-core): starts
// `ct-fracture view`, opens a scan, predicts, runs Grad-CAM, reads the page's step timings.
// Shared by bench/time-densenet121.mjs and scripts/screenshot.mjs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CHROMIUM_FLAGS = [
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

/** Starts `ct-fracture view --checkpoint DIR --port 0`; resolves with { url, stop }. */
export async function startView(checkpoint) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'apps/cli/bin/ct-fracture.cjs'), 'view', '--checkpoint', checkpoint, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => resolve(String(chunk).trim()));
    child.on('exit', (code) => reject(new Error(`ct-fracture view exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGINT') };
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

async function settle(page, timeout) {
  await page.waitForSelector('[data-testid=status]:is([data-state=ready],[data-state=error])', {
    timeout,
  });
  const state = await page.getAttribute('[data-testid=status]', 'data-state');
  const text = (await page.textContent('[data-testid=status]')).trim();
  if (state === 'error') throw new Error(text);
  return text;
}

/**
 * Opens the page on a backend, opens `scan`, waits for the predictions, then runs Grad-CAM of
 * `task` (the page's defaults otherwise). Returns the page and its timings (step → ms).
 */
export async function runPage(
  browser,
  url,
  { backend, scan, task, viewport, timeout = 1_800_000 },
) {
  const page = await browser.newPage({ viewport: viewport ?? { width: 1400, height: 880 } });
  await page.goto(`${url}?backend=${backend}`);
  await page.waitForSelector('[data-testid=checkpoint-info]:not([hidden])', { timeout: 120_000 });
  await page.setInputFiles('[data-testid=scan-input]', scan);
  await page.waitForTimeout(300);
  await settle(page, timeout);
  if (task !== undefined) {
    await page.selectOption('[data-testid=explain-task]', task);
    await page.click('[data-testid=explain-button]');
    await page.waitForSelector('[data-testid=gradcam]:not([hidden])', { timeout });
    await settle(page, timeout);
  }
  const timings = await page.$$eval('[data-testid=timings] tr', (rows) =>
    Object.fromEntries(rows.map((row) => [row.dataset.step, Number(row.dataset.ms)])),
  );
  return { page, timings };
}
