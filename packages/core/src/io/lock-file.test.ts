import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileLockError } from '../errors/file-lock-error';
import { acquireLock } from './lock-file';
import { currentProcessIdentity } from './process-identity';

const DIST = fileURLToPath(new URL('../../dist/node.js', import.meta.url));

/** A child that takes the lock, prints `locked`, then waits to be killed. */
const HOLDER = `
const { acquireLock } = await import(${JSON.stringify(DIST)});
await acquireLock(process.argv[1], { purpose: 'test folder' });
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);
`;
/** A child that tries the lock once and prints what happened. */
const CONTENDER = `
const { acquireLock } = await import(${JSON.stringify(DIST)});
try {
  const lock = await acquireLock(process.argv[1], { purpose: 'test folder' });
  await lock.release();
  process.stdout.write('acquired pid ' + process.pid + '\\n');
} catch (error) {
  process.stdout.write(error.code + ': ' + error.message + '\\n');
}
`;

function nodeArgs(source: string, file: string): string[] {
  return ['--input-type=module', '-e', source, file];
}

/** Starts a lock holder (optionally as PID 1 of a new PID namespace) and waits until it holds. */
async function startHolder(file: string, namespace: boolean): Promise<ChildProcess> {
  const args = nodeArgs(HOLDER, file);
  const child = namespace
    ? spawn('unshare', ['--pid', '--fork', '--kill-child', process.execPath, ...args])
    : spawn(process.execPath, args);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function contend(file: string, namespace: boolean): string {
  const args = nodeArgs(CONTENDER, file);
  return namespace
    ? execFileSync('unshare', ['--pid', '--fork', process.execPath, ...args], { encoding: 'utf8' })
    : execFileSync(process.execPath, args, { encoding: 'utf8' });
}

function canUnshare(): boolean {
  try {
    execFileSync('unshare', ['--pid', '--fork', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ctf-lock-'));
}

describe('acquireLock', () => {
  it('records who holds it and is released only by its holder', async () => {
    const file = join(await scratch(), '.lock');
    const lock = await acquireLock(file, { purpose: 'run folder' });
    const record = JSON.parse(await readFile(file, 'utf8'));
    expect(record).toMatchObject({
      format: 'ct-fracture-lock',
      pid: process.pid,
      purpose: 'run folder',
      token: lock.record.token,
    });
    await expect(acquireLock(file)).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining('this process already holds'),
    });
    await lock.release();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await acquireLock(file);
    await lock.release(); // a released lock does not remove its successor
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBe(again.record.token);
    await again.release();
  });

  it('refuses a lock a live process holds, naming it, and takes over once it is killed', async () => {
    const file = join(await scratch(), '.lock');
    const holder = await startHolder(file, false);
    try {
      expect(contend(file, false)).toMatch(
        new RegExp(`^locked: .*in use by process ${holder.pid} on .*test folder`),
      );
    } finally {
      await kill(holder);
    }
    expect(contend(file, false)).toMatch(/^acquired pid/);
  });

  it.skipIf(!canUnshare())(
    'tells a killed PID 1 of a PID namespace from a live one (not by PID alone)',
    async () => {
      const file = join(await scratch(), '.lock');
      const holder = await startHolder(file, true);
      try {
        expect(JSON.parse(await readFile(file, 'utf8')).pid).toBe(1);
        // Another PID 1: the PID is "alive" (it is the contender itself), the holder too.
        expect(contend(file, true)).toMatch(/^locked: .*in use by process 1 on /);
      } finally {
        await kill(holder);
      }
      expect(contend(file, true)).toBe('acquired pid 1\n');
    },
  );

  it.each([
    ['a holder on another machine', { bootId: 'another-boot', hostname: 'elsewhere' }],
    ['an unreadable lock file', null],
  ])('waits for %s until its heartbeat is older than staleAfterMs', async (_name, fields) => {
    const file = join(await scratch(), '.lock');
    const record = fields === null ? 'garbage' : { ...(await foreignRecord()), ...fields };
    await writeFile(file, typeof record === 'string' ? record : JSON.stringify(record));
    await expect(acquireLock(file, { staleAfterMs: 60_000 })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining('without a heartbeat'),
    });
    const past = new Date(Date.now() - 120_000);
    await utimes(file, past, past);
    const lock = await acquireLock(file, { staleAfterMs: 60_000 });
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBe(lock.record.token);
    await lock.release();
  });

  it('keeps a heartbeat from a worker thread', async () => {
    const file = join(await scratch(), '.lock');
    const lock = await acquireLock(file, { heartbeatMs: 20 });
    const past = new Date(Date.now() - 120_000);
    await utimes(file, past, past);
    // Wait (polling) for the worker to touch the file: it runs whatever the main thread does.
    let age = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 400 && age > 60_000; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      age = Date.now() - (await stat(file)).mtimeMs;
    }
    expect(age).toBeLessThan(60_000);
    await lock.release();
  });

  it('reports a folder that cannot hold a lock as lock-io', async () => {
    const file = join(await scratch(), 'missing', '.lock');
    const error = await acquireLock(file).catch((caught: unknown) => caught);
    expect(FileLockError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'lock-io', file });
  });
});

async function foreignRecord() {
  return {
    format: 'ct-fracture-lock',
    ...currentProcessIdentity(),
    pid: 4242,
    token: 'foreign',
    acquiredAt: new Date().toISOString(),
    purpose: 'run folder',
  };
}
