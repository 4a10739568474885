// Runs the rehearsal's commands: each step is timed, its output goes to a log file, and a
// failing command stops the rehearsal with the command, its folder and the tail of its output.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** Thrown when a rehearsal step fails; `message` says which step and why. */
export class RehearsalError extends Error {
  name = 'RehearsalError';
}

let logFile;

/** Sends every command's output to this file (and only its tail to the console on failure). */
export function setLogFile(path) {
  logFile = path;
}

function log(text) {
  if (logFile) appendFileSync(logFile, text);
}

/** Prints a step's name, runs it, and prints how long it took. */
export async function step(name, body) {
  const started = Date.now();
  process.stderr.write(`[rehearsal] ${name}\n`);
  log(`\n### ${name}\n`);
  const result = await body();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[rehearsal]   done in ${seconds} s\n`);
  timings.push({ name, seconds: Number(seconds) });
  return result;
}

/** Every finished step and its duration in seconds, in order. */
export const timings = [];

/** The longest any one command may take before the rehearsal stops it and fails. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

/**
 * The environment of a command: the rehearsal's own plus `env`. An isolated app's environment
 * (it names its own `npm_config_userconfig`) inherits no `npm_config_*` variable: run under
 * `pnpm run`, the rehearsal's environment carries pnpm's (`npm_config_registry` among them),
 * which would override the app's `.npmrc` and send its installs to the public registry.
 */
function commandEnvironment(env) {
  const inherited = { ...process.env };
  if (env.npm_config_userconfig !== undefined) {
    for (const key of Object.keys(inherited)) {
      if (/^npm_config_/i.test(key)) delete inherited[key];
    }
  }
  return { ...inherited, ...env };
}

/**
 * Runs a command to completion; rejects with a RehearsalError naming the command, its folder,
 * the exit code and the last lines of its output unless `allowFailure` is set, and after
 * 15 minutes (a hung install must fail the rehearsal, not hang CI).
 * @returns the exit code and the combined output.
 */
export function run(command, args, { cwd, env = {}, allowFailure = false, input } = {}) {
  const shown = `${command} ${args.join(' ')}`;
  log(`\n$ (${cwd}) ${shown}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: commandEnvironment(env),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    let output = '';
    let stdout = '';
    const collect = (chunk, isStdout) => {
      const text = chunk.toString();
      output += text;
      if (isStdout) stdout += text;
      log(text);
    };
    child.stdout.on('data', (chunk) => collect(chunk, true));
    child.stderr.on('data', (chunk) => collect(chunk, false));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new RehearsalError(`${shown} (in ${cwd}) could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status = code ?? 1;
      if (timedOut) {
        const tail = output.trim().split('\n').slice(-40).join('\n');
        reject(
          new RehearsalError(
            `${shown} (in ${cwd}) did not finish within ${COMMAND_TIMEOUT_MS / 60_000} minutes:\n${tail}`,
          ),
        );
        return;
      }
      if (status !== 0 && !allowFailure) {
        const tail = output.trim().split('\n').slice(-40).join('\n');
        reject(new RehearsalError(`${shown} (in ${cwd}) exited with ${signal ?? code}:\n${tail}`));
        return;
      }
      resolve({ code: status, output, stdout });
    });
  });
}

/** Throws a RehearsalError with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new RehearsalError(message);
}
