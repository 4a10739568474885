import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFolder, resolveFolder } from './replace-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-replace-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replaceFolder', () => {
  it('replaces a folder with the new contents', async () => {
    const target = join(dir, 'last');
    await replaceFolder(target, (temporary) => writeFile(join(temporary, 'a'), '1'));
    await replaceFolder(target, (temporary) => writeFile(join(temporary, 'b'), '2'));
    expect(await readdir(target)).toEqual(['b']);
    expect(await readdir(dir)).toEqual(['last']);
  });

  it('leaves the previous folder intact when writing fails (e.g. disk full)', async () => {
    const target = join(dir, 'last');
    await replaceFolder(target, (temporary) => writeFile(join(temporary, 'weights'), 'good'));
    const failing = replaceFolder(target, async (temporary) => {
      await writeFile(join(temporary, 'weights'), 'half');
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    await expect(failing).rejects.toThrow(/ENOSPC/);
    expect(await readFile(join(target, 'weights'), 'utf8')).toBe('good');
    expect(await readdir(dir)).toEqual(['last']);
  });

  it('finds the previous folder after a crash between the renames', async () => {
    const target = join(dir, 'last');
    expect(await resolveFolder(target)).toBeNull();
    await mkdir(join(dir, 'last.old-1-aa'));
    expect(await resolveFolder(target)).toBe(join(dir, 'last.old-1-aa'));
    await rename(join(dir, 'last.old-1-aa'), target);
    expect(await resolveFolder(target)).toBe(target);
  });
});
