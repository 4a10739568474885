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

/**
 * Runs a command to completion; rejects with a RehearsalError naming the command, its folder,
 * the exit code and the last lines of its output unless `allowFailure` is set.
 * @returns the exit code and the combined output.
 */
export function run(command, args, { cwd, env = {}, allowFailure = false, input } = {}) {
  const shown = `${command} ${args.join(' ')}`;
  log(`\n$ (${cwd}) ${shown}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
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
    child.on('error', (error) =>
      reject(new RehearsalError(`${shown} (in ${cwd}) could not start: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      const status = code ?? 1;
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
