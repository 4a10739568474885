import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_META, createViewServer } from './view-server';

let root: string;
let server: Server;
let port: number;

/** A raw request: the target goes on the wire exactly as given (no URL normalisation). */
function get(
  target: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ctf-view-server-'));
  const viewer = join(root, 'viewer');
  const checkpoint = join(root, 'ckpt');
  await mkdir(join(viewer, 'assets'), { recursive: true });
  await mkdir(join(checkpoint, 'sub'), { recursive: true });
  await writeFile(join(viewer, 'index.html'), `<head>${CHECKPOINT_META}</head>`);
  await writeFile(join(viewer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(viewer, '.hidden'), 'secret');
  await writeFile(join(checkpoint, 'model.json'), '{"format":"x"}');
  await writeFile(join(checkpoint, 'sub', 'inner.json'), '{}');
  await writeFile(join(root, 'secret.txt'), 'outside');
  await symlink(join(root, 'secret.txt'), join(viewer, 'assets', 'link.txt'));
  await symlink(join(root, 'secret.txt'), join(checkpoint, 'weights.bin'));
  await symlink(root, join(viewer, 'up'));
  server = createViewServer({ viewerDir: viewer, checkpointDir: checkpoint });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('the view server', () => {
  it('serves index.html at / naming the served checkpoint, with a same-origin-only CSP', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.body).toBe(
      '<head><meta name="ct-fracture-checkpoint" content="checkpoint/" /></head>',
    );
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the viewer files and the checkpoint files', async () => {
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    const model = await get('/checkpoint/model.json');
    expect(model.status).toBe(200);
    expect(model.body).toBe('{"format":"x"}');
    expect(model.headers['content-type']).toBe('application/json; charset=utf-8');
    const head = await get('/checkpoint/model.json', { method: 'HEAD' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '14']);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/checkpoint/%2e%2e/secret.txt',
    '/checkpoint/..%2f..%2fsecret.txt',
    '/checkpoint/..%5csecret.txt',
    '/assets/link.txt',
    '/checkpoint/weights.bin',
    '/up/secret.txt',
    '/.hidden',
    '/assets',
    '/assets/',
    '/checkpoint/',
    '/checkpoint/sub',
    '/checkpoint/sub/inner.json',
    '/missing.js',
  ])('refuses %s without revealing anything outside', async (target) => {
    const response = await get(target);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('outside');
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('inner');
  });

  it.each(['POST', 'PUT', 'DELETE'])('is read-only: %s → 405', async (method) => {
    const response = await get('/checkpoint/model.json', { method });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    ['localhost', 200],
    ['127.0.0.1', 200],
    ['attacker.example', 421],
  ])('answers Host %s:port with %i (DNS rebinding guard)', async (host, status) => {
    expect((await get('/', { host: `${host}:${port}` })).status).toBe(status);
  });
});

describe('the view server without a checkpoint', () => {
  it('leaves the meta empty and serves no /checkpoint/ files', async () => {
    const viewer = join(root, 'viewer');
    const bare = createViewServer({ viewerDir: viewer });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const previous = port;
    port = (bare.address() as AddressInfo).port;
    try {
      expect((await get('/')).body).toBe(`<head>${CHECKPOINT_META}</head>`);
      expect((await get('/checkpoint/model.json')).status).toBe(404);
    } finally {
      port = previous;
      await new Promise((resolve) => bare.close(resolve));
    }
  });
});
