import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPublishedFolder, recoverPublishedFolder } from '@ct-fracture/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './workspace';

/**
 * `validate --out` into a folder holding an earlier validation (issue 16 item 14): a `kill -9`
 * while the new result set is written or swapped in leaves the old set or the new one — never
 * `metrics.json` of one beside `predictions.csv` of the other — and after recovery (what the
 * next write starts with) that set in place and no temporary beside it.
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

/**
 * The result set a folder holds, from each of its files: the split report.html names (its
 * labels CSV), the rows of predictions.csv and the n of metrics.json — `test 3 3` or
 * `train 6 6` for a whole set, anything else for a mix.
 */
function resultSet(out: string): string {
  const report = readFileSync(join(out, 'report.html'), 'utf8');
  const split = /train_labels\.csv/.test(report)
    ? 'train'
    : /test_labels\.csv/.test(report)
      ? 'test'
      : '?';
  const rows = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').length - 1;
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  return `${split} ${rows} ${metrics.tasks.varus.n}`;
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
    '--set',
    'schedule.type=constant',
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
  it('leaves one whole result set at each step of the swap (writing, marker, renames, deletion)', async () => {
    const first = join(work, 'first');
    expect(validate(first, 'test').status).toBe(0);
    const before = resultSet(first);
    expect(before).toBe('test 3 3');
    const traced = join(work, 'traced');
    cpSync(first, traced, { recursive: true });
    const trace = join(work, 'trace.txt');
    expect(validate(traced, 'train', { CTF_FS_TRACE: trace }).status).toBe(0);
    const after = resultSet(traced);
    expect(after).toBe('train 6 6');
    // A kill just before each step that changes what a reader could see: the first file of the
    // new set, its completion marker, both renames of the swap, and deleting the old set.
    const lines = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const isNewSet = (path = '') => /\.traced\.tmp-/.test(path);
    const steps = [
      lines.find(([, operation, path]) => operation === 'writeFile' && isNewSet(path)),
      lines.find(([, , path]) => isNewSet(path) && path!.endsWith('.ct-fracture-folder.json')),
      ...lines.filter(
        ([, operation, from, to]) =>
          operation === 'rename' && /traced/.test(`${from}${to}`) && !/\.lock/.test(`${from}${to}`),
      ),
      lines.find(
        ([, operation, path]) => operation === 'unlink' && /\.traced\.old-/.test(path ?? ''),
      ),
    ].map((line) => Number(line?.[0]));
    expect(steps.every((step) => step > 0)).toBe(true);
    expect(steps).toHaveLength(5);
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
      // What the next validate does first: recovery keeps the newest whole set (the new one
      // once its marker is written, even before the swap) and removes the rest.
      await recoverPublishedFolder(out);
      expect([before, after], `recovered after a kill before step ${step}`).toContain(
        resultSet(out),
      );
      expect(readdirSync(work).filter((name) => name.startsWith(`.kill-${step}.`))).toEqual([]);
      rmSync(out, { recursive: true, force: true });
    }
    expect([...seen].sort()).toEqual(['new', 'old']);
  });
});
