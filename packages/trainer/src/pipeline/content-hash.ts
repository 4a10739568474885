import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '@ct-fracture/core/node';

interface HashRecord {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** SHA-256 of a file's bytes, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** SHA-256 of a string, hex. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The content hash of a file, remembered in `<memoDir>/<hash of path>.json` together with the
 * file's size and modification time, so that an unchanged file is hashed once, not at every run.
 * A file whose size or modification time changed is hashed again.
 * @throws the filesystem error when the file cannot be read.
 */
export async function contentHash(path: string, memoDir: string | null): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (info.isDirectory()) return folderHash(absolute, memoDir);
  const memo = memoDir === null ? null : join(memoDir, `${sha256Text(absolute).slice(0, 32)}.json`);
  if (memo !== null) {
    try {
      const record = JSON.parse(await readFile(memo, 'utf8')) as HashRecord;
      if (
        record.path === absolute &&
        record.size === info.size &&
        record.mtimeMs === info.mtimeMs &&
        /^[0-9a-f]{64}$/.test(record.sha256)
      ) {
        return record.sha256;
      }
    } catch {
      // No memo yet, or an unreadable one: hash the file.
    }
  }
  const sha256 = await sha256File(absolute);
  if (memo !== null) {
    const record: HashRecord = { path: absolute, size: info.size, mtimeMs: info.mtimeMs, sha256 };
    await writeFileAtomic(memo, JSON.stringify(record), { durable: false }).catch(() => undefined);
  }
  return sha256;
}

/**
 * The content hash of a folder (a DICOM series): SHA-256 over every file's relative path and
 * content hash, in name order — so renaming, adding, removing or changing a file changes it.
 */
async function folderHash(folder: string, memoDir: string | null): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const lines: string[] = [];
  for (const file of files)
    lines.push(`${relative(folder, file)}\t${await contentHash(file, memoDir)}`);
  return sha256Text(`ct-fracture series folder\n${lines.join('\n')}`);
}
