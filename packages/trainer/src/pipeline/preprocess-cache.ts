import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { TrainerError } from '../errors/trainer-error';
import { contentHash, sha256Text } from './content-hash';

/** A preprocessed volume as cached: model-layout values and their shape [D, H, W]. */
export interface CachedVolume {
  data: Float32Array;
  shape: [number, number, number];
}

/** Counters of what the cache did (for logs and tests). */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries that failed validation (torn, truncated, bit-flipped) and were rebuilt. */
  corrupt: number;
}

const MAGIC = 'CTFPREP1';
/** Bump when the preprocessing code changes its output, so old entries are not reused. */
export const PREPROCESSING_CACHE_VERSION = 1;

interface EntryHeader {
  shape: [number, number, number];
  crc32: number;
  key: string;
}

function encodeEntry(key: string, volume: CachedVolume): Buffer[] {
  const header: EntryHeader = { shape: volume.shape, crc32: 0, key };
  const payload = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  header.crc32 = crc32(payload);
  let json = JSON.stringify(header);
  // Pad the header so the float data starts 4-byte aligned.
  while ((MAGIC.length + 4 + Buffer.byteLength(json)) % 4 !== 0) json += ' ';
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(Buffer.byteLength(json), MAGIC.length);
  return [prefix, Buffer.from(json), payload];
}

function decodeEntry(bytes: Buffer, key: string): CachedVolume | null {
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    return null;
  }
  const jsonLength = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + jsonLength;
  if (start > bytes.length) return null;
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, start)) as EntryHeader;
  } catch {
    return null;
  }
  const { shape } = header;
  if (
    header.key !== key ||
    !Array.isArray(shape) ||
    shape.length !== 3 ||
    !shape.every((extent) => Number.isInteger(extent) && extent > 0)
  ) {
    return null;
  }
  const count = shape[0] * shape[1] * shape[2];
  if (bytes.length - start !== count * 4) return null;
  const payload = bytes.subarray(start);
  if (crc32(payload) !== header.crc32) return null;
  const data = new Float32Array(count);
  new Uint8Array(data.buffer).set(payload);
  return { data, shape };
}

/**
 * An on-disk cache of preprocessed volumes. An entry's key is the SHA-256 of the scan file's
 * bytes plus the canonical JSON of the preprocessing parameters (and a code version), so a
 * changed file or parameter misses. Entries are written atomically and validated on read (magic,
 * key, size, CRC-32): a corrupt entry is rebuilt, never trusted. Safe to share between worker
 * threads and processes (concurrent writers of one entry write identical bytes).
 * @example
 * const cache = new PreprocessCache('/data/.ct-fracture-cache');
 * const { volume } = await cache.getOrCreate('scan.nii', parameters, () => preprocess('scan.nii'));
 */
export class PreprocessCache {
  readonly dir: string;
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0 };

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The key of a file's preprocessed volume under the given parameters. */
  async key(file: string, parameters: unknown): Promise<string> {
    const fileHash = await contentHash(file, join(this.dir, 'hashes'));
    const parameterHash = sha256Text(
      canonicalJson({ version: PREPROCESSING_CACHE_VERSION, parameters }),
    );
    return `${fileHash.slice(0, 40)}-${parameterHash.slice(0, 16)}`;
  }

  /** Where an entry lives. */
  entryPath(key: string): string {
    return join(this.dir, 'volumes', key.slice(0, 2), `${key}.f32`);
  }

  /** The cached volume, or null when absent or corrupt (a corrupt entry is deleted). */
  async get(key: string): Promise<CachedVolume | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.entryPath(key));
    } catch {
      return null;
    }
    const volume = decodeEntry(bytes, key);
    if (volume === null) {
      this.stats.corrupt += 1;
      await rm(this.entryPath(key), { force: true });
    }
    return volume;
  }

  /** Stores a volume (atomically). */
  async put(key: string, volume: CachedVolume): Promise<void> {
    // A cache entry can be rebuilt: atomic (never torn) but not flushed before the rename.
    const file = this.entryPath(key);
    await writeFileAtomic(file, encodeEntry(key, volume), { durable: false }).catch(
      (error: unknown) => {
        throw new TrainerError({
          code: 'cache',
          file,
          message: `the preprocessing cache must be writable (or set data.cache to false), got: ${(error as Error).message}`,
          cause: error,
        });
      },
    );
  }

  /**
   * The cached volume for (file, parameters), building and storing it on a miss. The cache is an
   * optimisation only: a failure to store the entry (read-only folder, full disk) does not fail
   * the call — the volume is returned with a `warning` saying why it was not cached.
   * @param build - computes the preprocessed volume from the file (its errors are the scan's and
   *   propagate).
   * @returns the volume, whether it came from the cache, and a warning when it could not be stored.
   */
  async getOrCreate(
    file: string,
    parameters: unknown,
    build: () => Promise<CachedVolume>,
  ): Promise<{ volume: CachedVolume; hit: boolean; warning?: string }> {
    const key = await this.key(file, parameters);
    const cached = await this.get(key);
    if (cached) {
      this.stats.hits += 1;
      return { volume: cached, hit: true };
    }
    this.stats.misses += 1;
    const volume = await build();
    try {
      await this.put(key, volume);
    } catch (error) {
      return { volume, hit: false, warning: cacheWarning(this.dir, error) };
    }
    return { volume, hit: false };
  }
}

/** The one-line warning for a cache that cannot be written. */
function cacheWarning(dir: string, error: unknown): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
  return (
    `the preprocessing cache ${dir} cannot be written (${reason}): going on without caching ` +
    '(set data.cacheDir / --cache-dir to a writable folder, or data.cache: false / --no-cache)'
  );
}

/** JSON with object keys sorted, so equal parameters always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
