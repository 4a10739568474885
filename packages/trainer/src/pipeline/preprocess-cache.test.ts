import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CachedVolume, canonicalJson, PreprocessCache } from './preprocess-cache';

let dir: string;
let scan: string;
let builds: number;
const parameters = { windowHu: [-500, 1300], size: [2, 2, 3] };

function build(value: number) {
  return async (): Promise<CachedVolume> => {
    builds += 1;
    return { data: new Float32Array(12).fill(value), shape: [2, 2, 3] };
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cache-'));
  scan = join(dir, 'scan.nii');
  await writeFile(scan, 'scan bytes v1');
  builds = 0;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PreprocessCache', () => {
  it('builds once, then hits', async () => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    const first = await cache.getOrCreate(scan, parameters, build(1));
    const second = await cache.getOrCreate(scan, parameters, build(2));
    expect([first.hit, second.hit, builds]).toEqual([false, true, 1]);
    expect(second.volume).toEqual({ data: new Float32Array(12).fill(1), shape: [2, 2, 3] });
    expect(cache.stats).toEqual({ hits: 1, misses: 1, corrupt: 0 });
  });

  it('survives a new cache object (a later run)', async () => {
    await new PreprocessCache(join(dir, 'cache')).getOrCreate(scan, parameters, build(1));
    const later = new PreprocessCache(join(dir, 'cache'));
    expect((await later.getOrCreate(scan, parameters, build(2))).hit).toBe(true);
  });

  it.each<[string, unknown]>([
    ['window', { ...parameters, windowHu: [-400, 1300] }],
    ['size', { ...parameters, size: [2, 2, 4] }],
    ['an added option', { ...parameters, reorientToRas: true }],
  ])('misses when a parameter changes: %s', async (_name, changed) => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    await cache.getOrCreate(scan, parameters, build(1));
    expect((await cache.getOrCreate(scan, changed, build(2))).hit).toBe(false);
  });

  it('ignores key order of the parameters', async () => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    await cache.getOrCreate(scan, { a: 1, b: 2 }, build(1));
    expect((await cache.getOrCreate(scan, { b: 2, a: 1 }, build(2))).hit).toBe(true);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":2,"d":1}]}',
    );
  });

  it('misses when the file content changes', async () => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    await cache.getOrCreate(scan, parameters, build(1));
    await writeFile(scan, 'scan bytes v2, longer');
    expect((await cache.getOrCreate(scan, parameters, build(2))).volume.data[0]).toBe(2);
    // Same size as before, but a new modification time: the file is hashed again.
    await writeFile(scan, 'scan bytes v3, longer');
    const past = new Date(Date.now() - 60_000);
    await utimes(scan, past, past);
    expect((await cache.getOrCreate(scan, parameters, build(3))).volume.data[0]).toBe(3);
  });

  it.each<[string, (bytes: Buffer) => Buffer]>([
    ['truncated', (bytes) => bytes.subarray(0, bytes.length - 5)],
    [
      'bit flip in the data',
      (bytes) => {
        const copy = Buffer.from(bytes);
        copy[copy.length - 2]! ^= 0x10;
        return copy;
      },
    ],
    ['bad magic', (bytes) => Buffer.concat([Buffer.from('XXXXXXXX'), bytes.subarray(8)])],
    ['empty', () => Buffer.alloc(0)],
    ['header garbage', (bytes) => Buffer.concat([bytes.subarray(0, 12), Buffer.from('{{{')])],
  ])('rebuilds a corrupt entry: %s', async (_name, corrupt) => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    await cache.getOrCreate(scan, parameters, build(1));
    const path = cache.entryPath(await cache.key(scan, parameters));
    await writeFile(path, corrupt(await readFile(path)));
    const again = await cache.getOrCreate(scan, parameters, build(5));
    expect(again.hit).toBe(false);
    expect(again.volume.data[0]).toBe(5);
    expect(cache.stats.corrupt).toBe(1);
    // The rebuilt entry is good again.
    expect((await cache.getOrCreate(scan, parameters, build(6))).volume.data[0]).toBe(5);
  });

  it('leaves no temporary files behind', async () => {
    const cache = new PreprocessCache(join(dir, 'cache'));
    await cache.getOrCreate(scan, parameters, build(1));
    const { readdir } = await import('node:fs/promises');
    const files = await readdir(join(dir, 'cache'), { recursive: true });
    expect(files.filter((file) => String(file).includes('.tmp-'))).toEqual([]);
  });
});
