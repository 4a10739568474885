import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who a process is, recorded so that another process — perhaps in another PID namespace, in a
 * container restarted with the same PID 1 — can tell whether it still runs. A PID alone cannot:
 * PIDs are reused, and every container's first process is PID 1.
 */
export interface ProcessIdentity {
  /** `process.pid`: the PID in the process's own namespace (1 for a container's first process). */
  pid: number;
  hostname: string;
  /** The kernel's boot id (`/proc/sys/kernel/random/boot_id`), null off Linux. */
  bootId: string | null;
  /** The PID as the mounted `/proc` numbers it (`/proc/self`), null off Linux. */
  procPid: number | null;
  /** Start time in clock ticks after boot (`/proc/<pid>/stat` field 22), null off Linux. */
  startTicks: number | null;
  /** The PID namespace (`/proc/self/ns/pid`, e.g. `pid:[4026531836]`), null off Linux. */
  pidNamespace: string | null;
  /** The device of the mounted `/proc`: equal values see the same processes. Null off Linux. */
  procDevice: number | null;
}

/** Whether a recorded process still runs: `unknown` when this process cannot see it. */
export type Liveness = 'alive' | 'dead' | 'unknown';

function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** Field 22 (start time) of a `/proc/<pid>/stat` line; the command name may hold spaces. */
function startTicksOf(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const value = Number(fields[19]);
  return Number.isSafeInteger(value) ? value : null;
}

/** Whether a `/proc/<pid>/stat` line is of a process that has exited and awaits its parent. */
function isZombie(stat: string): boolean {
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}

let own: ProcessIdentity | null = null;

/** This process's identity (read once). */
export function currentProcessIdentity(): ProcessIdentity {
  if (own !== null) return own;
  const procPid = attempt(() => Number(readlinkSync('/proc/self')));
  own = {
    pid: process.pid,
    hostname: hostname(),
    bootId: attempt(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
    procPid: procPid !== null && Number.isSafeInteger(procPid) ? procPid : null,
    startTicks: attempt(() => startTicksOf(readFileSync('/proc/self/stat', 'utf8'))),
    pidNamespace: attempt(() => readlinkSync('/proc/self/ns/pid')),
    procDevice: attempt(() => statSync('/proc').dev),
  };
  return own;
}

function signalZero(pid: number): 'alive' | 'dead' {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'dead' : 'alive';
  }
}

/**
 * Whether the process `other` describes still runs, as far as this process can tell:
 * - another boot of this machine (same host name, another boot id) → dead;
 * - the same `/proc` (same boot, same procfs device) → exact: the process `procPid` must exist
 *   with the recorded start time (a reused PID has another), so PID 1 of a killed container or
 *   PID namespace is dead even though this process may be PID 1 too;
 * - the same PID namespace → `kill(pid, 0)`, with this process's own PID dead (it is not us:
 *   the caller checks its own records first);
 * - otherwise (another machine, another container's `/proc`) → unknown.
 * @param other - a recorded identity (from a lock file).
 */
export function processLiveness(other: ProcessIdentity): Liveness {
  const self = currentProcessIdentity();
  if (other.bootId !== null && self.bootId !== null) {
    if (other.bootId !== self.bootId) return other.hostname === self.hostname ? 'dead' : 'unknown';
    if (
      other.procDevice !== null &&
      other.procDevice === self.procDevice &&
      other.procPid !== null &&
      other.startTicks !== null
    ) {
      const stat = attempt(() => readFileSync(`/proc/${other.procPid}/stat`, 'utf8'));
      if (stat === null || isZombie(stat)) return 'dead';
      return startTicksOf(stat) === other.startTicks ? 'alive' : 'dead';
    }
    if (other.pidNamespace !== null && other.pidNamespace === self.pidNamespace) {
      return other.pid === self.pid ? 'dead' : signalZero(other.pid);
    }
    return 'unknown';
  }
  if (other.hostname !== self.hostname) return 'unknown';
  return other.pid === self.pid ? 'dead' : signalZero(other.pid);
}

/** Whether a value read from a file is a {@link ProcessIdentity}. */
export function isProcessIdentity(value: unknown): value is ProcessIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const nullableNumber = (key: string) =>
    record[key] === null || Number.isSafeInteger(record[key] as number);
  const nullableString = (key: string) => record[key] === null || typeof record[key] === 'string';
  return (
    Number.isSafeInteger(record.pid as number) &&
    typeof record.hostname === 'string' &&
    nullableString('bootId') &&
    nullableNumber('procPid') &&
    nullableNumber('startTicks') &&
    nullableString('pidNamespace') &&
    nullableNumber('procDevice')
  );
}
