// The README's screenshot: the viewer with a checkpoint, a scan, its predictions and a Grad-CAM
// overlay, in Debian's headless Chromium.
//
//   node apps/viewer/scripts/screenshot.mjs CHECKPOINT SCAN TASK OUT.png [backend]
import { launch, runPage, startView } from './page-driver.mjs';

const [checkpoint, scan, task, out, backend = 'webgl'] = process.argv.slice(2);
if (out === undefined) {
  console.error('usage: node screenshot.mjs CHECKPOINT SCAN TASK OUT.png [backend]');
  process.exit(2);
}
const { url, stop } = await startView(checkpoint);
const browser = await launch();
try {
  const { page } = await runPage(browser, url, {
    backend,
    scan,
    task,
    viewport: { width: 1440, height: 1280 },
  });
  await page.$eval('.panel', (panel) => panel.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
} finally {
  await browser.close();
  stop();
}
