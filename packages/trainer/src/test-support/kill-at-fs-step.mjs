// Crash injection for end-to-end tests: loaded with `node --import` into a CLI process, it counts
// every call that changes the file system (create, write, append, mkdir, rename, link, unlink,
// rm, truncate) and can `kill -9` the process at one of them. The process never knows: the code
// under test is the code users run.
//
//   CTF_FS_TRACE=<file>      append `<n>\t<operation>\t<path>[\t<path>]` per step (before it runs)
//   CTF_FS_KILL_AT=<n>       SIGKILL just before step n (1-based) runs
//   CTF_FS_KILL_AFTER=<operation>:<regex>:<k>
//                            SIGKILL right after the k-th step of <operation> whose first path
//                            matches <regex> has run (e.g. `rename:/checkpoints/last$:1`)
// As PID 1 of a PID namespace (which ignores signals sent from inside it), the process prints
// `ctf-fs-kill-me <pid in /proc>` on stderr instead and waits for the caller's SIGKILL.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const trace = process.env.CTF_FS_TRACE;
const killAt = Number(process.env.CTF_FS_KILL_AT ?? 0);
const after = /^([a-zA-Z]+):(.*):(\d+)$/.exec(process.env.CTF_FS_KILL_AFTER ?? '');
const afterOperation = after?.[1];
const afterPath = after ? new RegExp(after[2]) : null;
const afterCount = after ? Number(after[3]) : 0;
// Opened before any wrapping; written with writeSync, which is never wrapped.
const traceFd = trace ? fs.openSync(trace, 'a') : null;
let steps = 0;
let matched = 0;

function pathOf(value) {
  if (typeof value === 'string') return value;
  if (value instanceof URL) return value.pathname;
  if (Buffer.isBuffer(value)) return value.toString();
  return `<fd ${String(value)}>`;
}

function die() {
  if (process.pid === 1) {
    // The first process of a PID namespace cannot be killed from inside it, not even by
    // SIGKILL: ask the test (outside) to do it, giving the PID its /proc shows, and wait.
    fs.writeSync(2, `ctf-fs-kill-me ${fs.readlinkSync('/proc/self')}\n`);
  } else {
    process.kill(process.pid, 'SIGKILL');
  }
  // SIGKILL is not delivered synchronously everywhere: never run the step.
  for (;;) {}
}

/** Called before a step: counts it, traces it, and kills before it when asked. */
function before(operation, paths) {
  steps += 1;
  if (traceFd !== null) fs.writeSync(traceFd, `${steps}\t${operation}\t${paths.join('\t')}\n`);
  if (steps === killAt) die();
}

/** Called after a step ran: kills when it is the one named by CTF_FS_KILL_AFTER. */
function afterStep(operation, paths) {
  if (operation !== afterOperation || !afterPath?.test(paths[0] ?? '')) return;
  matched += 1;
  if (matched === afterCount) die();
}

const writing = (flags) =>
  flags !== undefined && flags !== null && !/^r\+?$/.test(String(flags)) && flags !== 0;

// Checked with the unwrapped function: a mkdir of an existing folder or an rm of a missing path
// changes nothing, so it is no step.
const exists = fs.existsSync;

/** Which arguments are paths, and whether a call changes anything (null: not), per function. */
const OPERATIONS = {
  writeFile: (args) => [pathOf(args[0])],
  appendFile: (args) => [pathOf(args[0])],
  mkdir: (args) => (exists(args[0]) ? null : [pathOf(args[0])]),
  rename: (args) => [pathOf(args[0]), pathOf(args[1])],
  link: (args) => [pathOf(args[0]), pathOf(args[1])],
  symlink: (args) => [pathOf(args[0]), pathOf(args[1])],
  unlink: (args) => [pathOf(args[0])],
  rm: (args) => (exists(args[0]) ? [pathOf(args[0])] : null),
  rmdir: (args) => [pathOf(args[0])],
  truncate: (args) => [pathOf(args[0])],
  copyFile: (args) => [pathOf(args[0]), pathOf(args[1])],
  open: (args) => (writing(args[1]) ? [pathOf(args[0])] : null),
};

function wrapPromise(target, name, operation = name) {
  const run = target[name];
  if (typeof run !== 'function') return;
  target[name] = async function (...args) {
    const paths = OPERATIONS[operation](args);
    if (paths === null) return run.apply(this, args);
    before(operation, paths);
    const result = await run.apply(this, args);
    afterStep(operation, paths);
    return result;
  };
}

function wrapSync(target, name, operation) {
  const run = target[name];
  if (typeof run !== 'function') return;
  target[name] = function (...args) {
    const paths = OPERATIONS[operation](args);
    if (paths === null) return run.apply(this, args);
    before(operation, paths);
    const result = run.apply(this, args);
    afterStep(operation, paths);
    return result;
  };
}

for (const name of Object.keys(OPERATIONS)) {
  wrapPromise(fs.promises, name);
  wrapSync(fs, `${name}Sync`, name);
}
// Writes through a file handle (writeFileAtomic, the lock file) are steps too.
const probe = await fs.promises.open(process.execPath, 'r');
const handle = Object.getPrototypeOf(probe);
await probe.close();
for (const name of ['write', 'writeFile', 'appendFile', 'truncate']) {
  const run = handle[name];
  handle[name] = async function (...args) {
    before(`handle.${name}`, [`<fd ${this.fd}>`]);
    return run.apply(this, args);
  };
}
syncBuiltinESMExports();
