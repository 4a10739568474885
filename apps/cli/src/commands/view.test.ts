import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-view-'));
  await writeFile(join(dir, 'file.txt'), 'not a folder');
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

// Serving itself (the URL on stdout, Ctrl-C, what the page loads) is tested end to end in
// tests/viewer.test.ts; here the failures that come before serving, each one line.
describe('ct-fracture view: one-line errors', () => {
  it.each([
    [
      'a missing checkpoint folder',
      () => ['--checkpoint', join(dir, 'nope')],
      1,
      /^ct-fracture: --checkpoint must be a checkpoint folder \(a checkpoint folder holds model\.json, weights\.bin and ct-fracture\.json\), got '.*nope': no such folder\n$/,
    ],
    [
      'a file given as checkpoint',
      () => ['--checkpoint', join(dir, 'file.txt')],
      1,
      /^ct-fracture: --checkpoint must be a checkpoint folder .*: not a folder\n$/,
    ],
    [
      'a folder that is no checkpoint',
      () => ['--checkpoint', dir],
      1,
      /^ct-fracture: .*ct-fracture\.json: cannot be read \(ENOENT\): a checkpoint folder holds model\.json, weights\.bin and ct-fracture\.json\n$/,
    ],
    [
      'a port in use',
      () => ['--port', String(busyPort)],
      1,
      /^ct-fracture: --port \d+ is in use on 127\.0\.0\.1; choose another with --port N \(--port 0 picks a free one\)\n$/,
    ],
    [
      'a port out of range',
      () => ['--port', '70000'],
      2,
      /^ct-fracture: --port must be an integer in 0‥65535 \(0 = any free port\), got '70000'\n$/,
    ],
  ])('%s', async (_, args, code, message) => {
    const result = await run('view', ...args());
    expect(result.err).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.out).toBe('');
  });
});
