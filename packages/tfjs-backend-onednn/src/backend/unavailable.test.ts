import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', '..', 'dist', 'index.js');

// Runs in a child process: the addon is loaded once per process.
const SCRIPT = `
const tf = await import('@tensorflow/tfjs-core');
const m = await import(${JSON.stringify(dist)});
const status = m.oneDnnStatus();
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
const activated = await tf.setBackend('onednn');
let threadsError = '';
try { m.setOneDnnThreads(2); } catch (e) { threadsError = e.code + ': ' + e.message; }
process.stdout.write(JSON.stringify({ status, activated, warnings, threadsError }));
`;

describe.skipIf(!existsSync(dist))('without the native addon (CTF_ONEDNN_DISABLE=1)', () => {
  it('importing works, the backend reports why it is unavailable and what to install', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, CTF_ONEDNN_DISABLE: '1' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: { available: boolean; reason: string; hint: string };
      activated: boolean;
      warnings: string[];
      threadsError: string;
    };
    expect(out.status.available).toBe(false);
    expect(out.status.reason).toContain('CTF_ONEDNN_DISABLE');
    expect(out.activated).toBe(false);
    expect(out.warnings.join('\n')).toContain('the onednn backend is unavailable');
    expect(out.threadsError).toMatch(/^addon-unavailable: setOneDnnThreads needs the native addon/);
  });
});
