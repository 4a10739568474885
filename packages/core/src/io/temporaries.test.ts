import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asideSibling, isTemporaryName, removeTemporaries } from './temporaries';
import { temporarySibling } from './write-file-atomic';

describe('isTemporaryName', () => {
  it.each([
    [temporarySibling('/a/last').split('/').at(-1)!, true],
    [asideSibling('/a/last').split('/').at(-1)!, true],
    ['.metrics.jsonl.tmp-12-0a1b2c3d', true],
    ['last', false],
    ['.last.lock', false],
    ['.ct-fracture-folder.json', false],
    ['notes.tmp-1-aa', false],
  ])('%s → %s', (name, expected) => {
    expect(isTemporaryName(name)).toBe(expected);
  });
});

describe('removeTemporaries', () => {
  it('removes every temporary, recursively when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-temporaries-'));
    await mkdir(join(dir, 'plots', '.x.png.tmp-3-aa'), { recursive: true });
    await writeFile(join(dir, '.config.json.tmp-3-bb'), '{');
    await writeFile(join(dir, 'config.json'), '{}');
    expect(await removeTemporaries(dir)).toEqual([join(dir, '.config.json.tmp-3-bb')]);
    expect(await removeTemporaries(dir, { recursive: true })).toEqual([
      join(dir, 'plots', '.x.png.tmp-3-aa'),
    ]);
    expect(await readdir(dir)).toEqual(['config.json', 'plots']);
    expect(await readdir(join(dir, 'plots'))).toEqual([]);
  });

  it('with onlyDeadWriters keeps what a live process is writing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-temporaries-'));
    const live = process.ppid; // the test runner's parent: alive, not this process
    await writeFile(join(dir, `.a.f32.tmp-${live}-aa`), '');
    await writeFile(join(dir, `.b.f32.tmp-${process.pid}-bb`), '');
    await writeFile(join(dir, '.c.f32.tmp-2147483646-cc'), '');
    await removeTemporaries(dir, { onlyDeadWriters: true });
    expect(await readdir(dir)).toEqual([`.a.f32.tmp-${live}-aa`]);
  });
});
