import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findPublishedFolder,
  PUBLISHED_FOLDER_MARKER,
  publishFolder,
  recoverPublishedFolder,
} from './published-folder';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ctf-publish-'));
}

/** A copy of `last` holding `version`, complete (with its marker at `step`) or not. */
async function copy(parent: string, name: string, version: string, step: number | null) {
  await mkdir(join(parent, name), { recursive: true });
  await writeFile(join(parent, name, 'weights.bin'), version);
  if (step !== null) {
    await writeFile(
      join(parent, name, PUBLISHED_FOLDER_MARKER),
      JSON.stringify({ format: 'ct-fracture-folder', formatVersion: 1, step }),
    );
  }
}

type Copy = [name: string, version: string, step: number | null];

// The states a kill leaves at each step of a swap (and after two kills with the same PID), and
// the version recovery must keep: the complete copy with the largest step.
const CRASH_STATES: [string, Copy[], string | null][] = [
  [
    'killed while writing the new copy',
    [
      ['last', 'v1', 1],
      ['.last.tmp-7-aa', 'v2', null],
    ],
    'v1',
  ],
  [
    'killed after the marker, before the swap',
    [
      ['last', 'v1', 1],
      ['.last.tmp-7-aa', 'v2', 2],
    ],
    'v2',
  ],
  [
    'killed between the two renames',
    [
      ['.last.old-7-bb', 'v1', 1],
      ['.last.tmp-7-aa', 'v2', 2],
    ],
    'v2',
  ],
  [
    'killed before the old copy was deleted',
    [
      ['last', 'v2', 2],
      ['.last.old-7-bb', 'v1', 1],
    ],
    'v2',
  ],
  [
    'killed while deleting the old copy',
    [
      ['last', 'v2', 2],
      ['.last.old-7-bb', 'v1', null],
    ],
    'v2',
  ],
  [
    'killed twice between the renames with the same PID (names sort against the steps)',
    [
      ['.last.old-1-ff', 'v3', 3],
      ['.last.old-1-00', 'v12', 12],
      ['.last.tmp-1-aa', 'v13', null],
    ],
    'v12',
  ],
  [
    'a folder written before markers existed',
    [
      ['last', 'v0', null],
      ['.last.tmp-7-aa', 'v1', 1],
    ],
    'v1',
  ],
  ['nothing complete', [['.last.tmp-7-aa', 'v1', null]], null],
];

describe('recoverPublishedFolder', () => {
  it.each(CRASH_STATES)('%s', async (_name, copies, expected) => {
    const parent = await scratch();
    for (const [name, version, step] of copies) await copy(parent, name, version, step);
    const target = join(parent, 'last');
    const found = await findPublishedFolder(target);
    if (expected === null) expect(found).toBeNull();
    else
      expect(await readFile(join(found!, 'weights.bin'), 'utf8')).toBe(
        copies.some(([name]) => name === 'last')
          ? copies.find(([name]) => name === 'last')![1]
          : expected,
      );
    const recovery = await recoverPublishedFolder(target);
    expect(await readdir(parent)).toEqual(expected === null ? [] : ['last']);
    if (expected !== null) {
      expect(recovery.folder).toBe(target);
      expect(await readFile(join(target, 'weights.bin'), 'utf8')).toBe(expected);
    }
  });

  it('has nothing to do when even the parent folder does not exist', async () => {
    const parent = await scratch();
    expect(await recoverPublishedFolder(join(parent, 'checkpoints', 'last'))).toEqual({
      folder: null,
      promoted: null,
      removed: [],
    });
    expect(await readdir(parent)).toEqual([]);
  });

  it('removes temporaries left inside the folder', async () => {
    const parent = await scratch();
    await copy(parent, 'best', 'v1', 1);
    await writeFile(join(parent, 'best', '.ct-fracture.json.tmp-9-0123abcd'), '{');
    const recovery = await recoverPublishedFolder(join(parent, 'best'));
    expect(recovery.removed).toEqual([join(parent, 'best', '.ct-fracture.json.tmp-9-0123abcd')]);
    expect((await readdir(join(parent, 'best'))).sort()).toEqual([
      PUBLISHED_FOLDER_MARKER,
      'weights.bin',
    ]);
  });
});

describe('publishFolder', () => {
  it('replaces the folder whole and leaves nothing beside it', async () => {
    const parent = await scratch();
    const target = join(parent, 'out');
    for (const [step, files] of [
      [1, ['a.txt', 'b.txt']],
      [2, ['a.txt']],
    ] as const) {
      await publishFolder(
        target,
        async (dir) => {
          for (const file of files) await writeFile(join(dir, file), `${file}@${step}`);
        },
        { step },
      );
    }
    expect(await readdir(parent)).toEqual(['out']);
    expect((await readdir(target)).sort()).toEqual([PUBLISHED_FOLDER_MARKER, 'a.txt']);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('a.txt@2');
  });

  it('keeps the previous folder when writing the new one fails', async () => {
    const parent = await scratch();
    const target = join(parent, 'out');
    await publishFolder(target, (dir) => writeFile(join(dir, 'a.txt'), 'old'), { step: 1 });
    await expect(
      publishFolder(
        target,
        async (dir) => {
          await writeFile(join(dir, 'a.txt'), 'new');
          throw new Error('disk full');
        },
        { step: 2 },
      ),
    ).rejects.toThrow('disk full');
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('old');
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('recovers a crashed swap before publishing', async () => {
    const parent = await scratch();
    await copy(parent, '.out.old-1-aa', 'v1', 1);
    await copy(parent, '.out.tmp-1-bb', 'v2', null);
    await publishFolder(join(parent, 'out'), (dir) => writeFile(join(dir, 'weights.bin'), 'v3'), {
      step: 3,
    });
    expect(await readdir(parent)).toEqual(['out']);
    expect(await readFile(join(parent, 'out', 'weights.bin'), 'utf8')).toBe('v3');
  });
});
