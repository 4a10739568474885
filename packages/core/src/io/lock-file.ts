import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { FileLockError } from '../errors/file-lock-error';
import {
  currentProcessIdentity,
  isProcessIdentity,
  type ProcessIdentity,
  processLiveness,
} from './process-identity';
import { temporarySibling } from './write-file-atomic';

/** What a lock file holds: who took it, when and what for, and a token only its holder knows. */
export interface LockRecord extends ProcessIdentity {
  format: 'ct-fracture-lock';
  /** Random; the holder releases the lock only while the file still carries it. */
  token: string;
  /** ISO 8601 time the lock was taken. */
  acquiredAt: string;
  /** What the lock protects, for messages (e.g. `run folder`). */
  purpose: string;
}

/** Options of {@link acquireLock}. */
export interface AcquireLockOptions {
  /** What the lock protects, in messages (default `folder`). */
  purpose?: string;
  /**
   * Refresh the lock file's modification time this often (ms) from a worker thread, so the
   * heartbeat goes on while the main thread computes; null (default) for none. Long-held locks
   * (a training run) set it, so that a process that cannot see the holder (another machine,
   * another container) can tell a live lock from an abandoned one.
   */
  heartbeatMs?: number | null;
  /**
   * A lock whose holder this process cannot see (another machine or container) counts as
   * abandoned after this many ms without a heartbeat (default 120 000).
   */
  staleAfterMs?: number;
}

/** A lock this process holds. */
export interface FileLock {
  readonly file: string;
  readonly record: LockRecord;
  /** Removes the lock file (only while it is still this lock's); idempotent. */
  release(): Promise<void>;
}

const held = new Map<string, string>();
const HEARTBEAT_SOURCE = `
const { workerData } = require('node:worker_threads');
const { utimesSync } = require('node:fs');
setInterval(() => {
  try { const now = new Date(); utimesSync(workerData.file, now, now); } catch {}
}, workerData.intervalMs);
`;

function parseRecord(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (!isProcessIdentity(value)) return null;
    const record = value as unknown as Record<string, unknown>;
    if (record.format !== 'ct-fracture-lock' || typeof record.token !== 'string') return null;
    return value as LockRecord;
  } catch {
    return null;
  }
}

async function readHolder(
  file: string,
): Promise<{ record: LockRecord | null; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { record: parseRecord(text), ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates `file` holding `text` only if it does not exist: by link(2), so it is never seen torn. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const temporary = temporarySibling(file);
  await writeFile(temporary, text, { flag: 'wx', flush: true });
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') {
      throw error;
    }
    // A file system without hard links: plain O_EXCL (a crash between open and write leaves an
    // unreadable lock, which counts as abandoned after `staleAfterMs`).
    try {
      const exclusive = await open(file, 'wx');
      try {
        await exclusive.writeFile(text);
      } finally {
        await exclusive.close();
      }
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Removes an abandoned lock whose token is `token` (null: an unreadable one). The file is first
 * renamed to a private name, so of two processes breaking it at once only one succeeds; if the
 * file renamed turns out to be a fresh lock taken meanwhile, it is put back.
 */
async function breakLock(file: string, token: string | null): Promise<void> {
  const aside = temporarySibling(file);
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = parseRecord(await readFile(aside, 'utf8').catch(() => ''));
  if ((moved?.token ?? null) !== token) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function describeHolder(record: LockRecord | null, ageMs: number): string {
  if (record === null) return `an unreadable lock (last touched ${Math.round(ageMs / 1000)} s ago)`;
  return `process ${record.pid} on ${record.hostname} (${record.purpose}, since ${record.acquiredAt})`;
}

/**
 * Takes an exclusive lock: creates `file` holding this process's identity (PID, host, boot id,
 * start time, PID namespace) and a private token, atomically and only if it does not exist.
 * A lock left by a process that has died — a `kill -9`, a crashed container whose PID 1 is now
 * another process's PID 1 — is detected by that identity ({@link processLiveness}) and taken
 * over; a lock of a live process, or of one this process cannot see that kept its heartbeat
 * within `staleAfterMs`, is not.
 * @param file - the lock file, e.g. `runs/x/.lock`; its folder must exist.
 * @throws {FileLockError} `locked` naming the holder; `lock-io` when the folder is not writable.
 * @example
 * ```ts
 * const lock = await acquireLock('runs/x/.lock', { purpose: 'run folder', heartbeatMs: 30_000 });
 * try {
 *   // … write into runs/x …
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquireLock(
  file: string,
  options: AcquireLockOptions = {},
): Promise<FileLock> {
  const purpose = options.purpose ?? 'folder';
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const record: LockRecord = {
    format: 'ct-fracture-lock',
    ...currentProcessIdentity(),
    token: randomBytes(16).toString('hex'),
    acquiredAt: new Date().toISOString(),
    purpose,
  };
  const text = `${JSON.stringify(record, null, 2)}\n`;
  for (let attempt = 0; ; attempt += 1) {
    let created: boolean;
    try {
      created = await createExclusive(file, text);
    } catch (error) {
      throw new FileLockError({
        code: 'lock-io',
        file,
        message: `the ${purpose} must be writable to lock it, got: ${(error as Error).message}`,
        cause: error,
      });
    }
    if (created) break;
    const holder = await readHolder(file).catch(() => null);
    if (holder === null) continue; // released meanwhile
    const mine = holder.record !== null && held.get(file) === holder.record.token;
    const liveness = holder.record === null || mine ? 'unknown' : processLiveness(holder.record);
    const abandoned =
      !mine && (liveness === 'dead' || (liveness === 'unknown' && holder.ageMs > staleAfterMs));
    if (!abandoned || attempt >= 5) {
      throw new FileLockError({
        code: 'locked',
        file,
        message: mine
          ? `this process already holds the ${purpose} lock`
          : `the ${purpose} is in use by ${describeHolder(holder.record, holder.ageMs)}; wait ` +
            `for it to finish${liveness === 'unknown' ? `, or delete this file if that process is gone (it counts as abandoned after ${Math.round(staleAfterMs / 1000)} s without a heartbeat)` : ''}`,
        holder:
          holder.record === null
            ? null
            : {
                pid: holder.record.pid,
                hostname: holder.record.hostname,
                acquiredAt: holder.record.acquiredAt,
                purpose: holder.record.purpose,
              },
      });
    }
    await breakLock(file, holder.record?.token ?? null);
  }
  held.set(file, record.token);
  let heartbeat: Worker | null = null;
  if (options.heartbeatMs != null) {
    heartbeat = new Worker(HEARTBEAT_SOURCE, {
      eval: true,
      workerData: { file, intervalMs: options.heartbeatMs },
    });
    heartbeat.unref();
  }
  let released = false;
  return {
    file,
    record,
    async release() {
      if (released) return;
      released = true;
      await heartbeat?.terminate();
      if (held.get(file) === record.token) held.delete(file);
      const current = await readFile(file, 'utf8').catch(() => null);
      if (current !== null && parseRecord(current)?.token === record.token) {
        await unlink(file).catch(() => undefined);
      }
    },
  };
}
