import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPublishedFolder } from '@ct-fracture/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './workspace';

/**
 * `validate --out` into a folder holding an earlier validation (issue 16 item 14): a `kill -9`
 * while the new result set is written or swapped in leaves the old set or the new one — never
 * `metrics.json` of one beside `predictions.csv` of the other — and no temporary beside it.
 */

const KILL_AT_FS_STEP = join(ROOT, 'packages/trainer/src/test-support/kill-at-fs-step.mjs');
let work: string;
let checkpoint: string;
let data: string;

function validate(out: string, split: string, env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      KILL_AT_FS_STEP,
      join(ROOT, 'apps/cli/bin/ct-fracture.cjs'),
      'validate',
      '--checkpoint',
      checkpoint,
      '--data',
      data,
      '--split',
      split,
      '--out',
      out,
      '--backend',
      'cpu',
      '--no-cache',
    ],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
}

/** The result set a folder holds: the patients of predictions.csv, checked against metrics.json. */
function resultSet(out: string): string {
  const rows = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').slice(1);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  const n = metrics.tasks.varus.n as number;
  const report = readFileSync(join(out, 'report.html'), 'utf8');
  const patients = rows.map((row) => row.split(',')[0]).join(' ');
  // metrics.json and report.html must describe the same scans as predictions.csv.
  if (n !== rows.length || !rows.every((row) => report.includes(row.split(',')[0]!))) {
    return `mixed: ${rows.length} predictions, metrics over ${n}`;
  }
  return patients;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ct-fracture-validate-kill-'));
  data = join(work, 'data');
  expect(
    runCli([
      'synth',
      '--out',
      data,
      '--train',
      '6',
      '--test',
      '3',
      '--size',
      'small',
      '--workers',
      '0',
    ]).code,
  ).toBe(0);
  const trained = runCli([
    'train',
    '--data',
    data,
    '--run-dir',
    join(work, 'run'),
    '--size',
    '8',
    '--model',
    'custom',
    '--set',
    'model.initFeatures=2',
    '--set',
    'model.growthRate=2',
    '--set',
    'model.blockConfig=[1]',
    '--epochs',
    '1',
    '--augment',
    'none',
    '--backend',
    'cpu',
    '--no-report',
    '--no-calibration',
  ]);
  expect(trained.stderr.split('\n').filter((line) => line.startsWith('ct-fracture:'))).toEqual([]);
  checkpoint = join(work, 'run', 'checkpoints', 'last');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('validate --out into an earlier validation, killed', () => {
  it('leaves one whole result set at every file-system step of the swap', async () => {
    const first = join(work, 'first');
    expect(validate(first, 'test').status).toBe(0);
    const before = resultSet(first);
    const traced = join(work, 'traced');
    cpSync(first, traced, { recursive: true });
    const trace = join(work, 'trace.txt');
    expect(validate(traced, 'train', { CTF_FS_TRACE: trace }).status).toBe(0);
    const after = resultSet(traced);
    expect(after).not.toBe(before);
    // The steps that change the output folder or its hidden copies: every rename, link and
    // deletion (the lock, the swap, removing the old set) and every 8th write of the new set.
    const steps = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, , path]) => path?.includes('traced'))
      .filter(
        ([, operation], index) =>
          ['rename', 'link', 'unlink', 'rm'].includes(operation!) || index % 8 === 0,
      )
      .map(([step]) => Number(step));
    expect(steps.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const step of steps) {
      const out = join(work, `kill-${step}`);
      cpSync(first, out, { recursive: true });
      const killed = validate(out, 'train', { CTF_FS_KILL_AT: String(step) });
      expect(killed.signal).toBe('SIGKILL');
      // What a reader finds now (the folder, or between the two renames its newest complete
      // copy beside it), and after the next write's recovery: one whole set.
      const readable = await findPublishedFolder(out);
      const found = readable === null ? 'missing' : resultSet(readable);
      expect([before, after], `kill before step ${step}`).toContain(found);
      seen.add(found === before ? 'old' : 'new');
      expect(validate(out, 'train').status).toBe(0);
      expect(resultSet(out)).toBe(after);
      expect(readdirSync(work).filter((name) => name.startsWith(`.kill-${step}.`))).toEqual([]);
      rmSync(out, { recursive: true, force: true });
    }
    expect([...seen].sort()).toEqual(['new', 'old']);
  });
});
