import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemporarySibling, temporarySibling, writeFileAtomic } from './write-file-atomic';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ctf-core-atomic-'));
}

describe('writeFileAtomic', () => {
  it.each([
    ['a string', 'hello\n', 'hello\n'],
    ['bytes', new TextEncoder().encode('bytes'), 'bytes'],
    ['chunks in order', [new TextEncoder().encode('ab'), new TextEncoder().encode('cd')], 'abcd'],
  ] as const)('writes %s', async (_name, data, expected) => {
    const folder = await scratch();
    const file = join(folder, 'nested', 'out.txt');
    await writeFileAtomic(file, data);
    expect(await readFile(file, 'utf8')).toBe(expected);
    expect(await readdir(join(folder, 'nested'))).toEqual(['out.txt']);
  });

  it('replaces an existing file whole', async () => {
    const folder = await scratch();
    const file = join(folder, 'out.txt');
    await writeFile(file, 'old contents that are longer');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it.skipIf(process.getuid?.() === 0)(
    'leaves the target and no temporary behind when the folder is read-only',
    async () => {
      const folder = await scratch();
      const file = join(folder, 'out.txt');
      await writeFile(file, 'old');
      await chmod(folder, 0o500);
      try {
        await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'EACCES' });
        expect(await readFile(file, 'utf8')).toBe('old');
        expect(await readdir(folder)).toEqual(['out.txt']);
      } finally {
        await chmod(folder, 0o700);
      }
    },
  );

  it('does not create the folder when asked not to', async () => {
    const folder = await scratch();
    await expect(
      writeFileAtomic(join(folder, 'missing', 'out.txt'), 'x', { createFolder: false }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('temporarySibling', () => {
  it('is hidden, beside the target, unique and recognisable', () => {
    const a = temporarySibling('/runs/x/checkpoints/last');
    const b = temporarySibling('/runs/x/checkpoints/last');
    expect(a).not.toBe(b);
    expect(a.startsWith('/runs/x/checkpoints/.last.tmp-')).toBe(true);
    expect(isTemporarySibling(a.split('/').at(-1) ?? '', 'last')).toBe(true);
    expect(isTemporarySibling('.best.tmp-1-00', 'last')).toBe(false);
    expect(isTemporarySibling('last', 'last')).toBe(false);
  });
});
