import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './workspace';

/**
 * `ct-fracture cv` on 24 small phantoms with a tiny DenseNet (2 folds, 1 epoch, the
 * deterministic cpu backend): locally (folds side by side as cv-fold processes), resumed fold by
 * fold, and on a real one-node Slurm (munged, slurmctld and slurmd on localhost, started by
 * scripts/slurm-local.sh) — whose result must equal the local one for the same seed. Without
 * root or Slurm the Slurm part is skipped with the reason; under CI=true it fails instead.
 */

const TINY = [
  '--folds',
  '2',
  '--epochs',
  '1',
  '--size',
  '16',
  '--model',
  'custom',
  '--set',
  'model.initFeatures=8',
  '--set',
  'model.growthRate=4',
  '--set',
  'model.blockConfig=[1,1]',
  '--batch-size',
  '4',
  '--augment',
  'none',
  '--set',
  'schedule.type=constant',
  '--backend',
  'cpu',
  '--workers',
  '0',
  '--seed',
  '7',
];

let work: string;
let data: string;
let local: string;

interface CvMetrics {
  pooled: { tasks: Record<string, { n: number }> };
  folds: unknown[];
  summary: Record<
    string,
    Record<string, { mean: number | null; sd: number | null; values: (number | null)[] }>
  >;
}

const read = (file: string) => readFileSync(file, 'utf8');
const csvIds = (file: string) =>
  read(file)
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);
/** report.html without its time stamp (the one line that differs between two runs). */
const reportText = (cvDir: string) =>
  read(join(cvDir, 'report.html')).replace(/Generated [^ <]+/, 'Generated (time)');

/** Exactly one `ct-fracture:` line on stderr and no stack trace. */
function oneErrorLine(stderr: string): string {
  const errors = stderr.split('\n').filter((line) => line.startsWith('ct-fracture:'));
  expect(errors).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return errors[0]!;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ct-fracture-cv-e2e-'));
  data = join(work, 'data');
  local = join(work, 'cv-local');
  const synth = runCli([
    'synth',
    '--out',
    data,
    '--train',
    '24',
    '--test',
    '6',
    '--size',
    'small',
    '--seed',
    '3',
  ]);
  expect(synth.code, synth.stderr).toBe(0);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('ct-fracture cv, locally', () => {
  it('writes stratified, patient-disjoint folds, trains each as a run folder, aggregates', () => {
    const result = runCli(['cv', '--data', data, ...TINY, '--jobs', '2', '--out', local, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { cvDir: string; folds: { status: string }[] };
    expect(printed.cvDir).toBe(local);
    expect(printed.folds.map((fold) => fold.status)).toEqual(['finished', 'finished']);
    const folds = JSON.parse(read(join(local, 'folds.json'))) as {
      folds: { train: string[]; validation: string[] }[];
    };
    const patients = csvIds(join(data, 'train_labels.csv'));
    expect(folds.folds.flatMap((fold) => fold.validation).sort()).toEqual([...patients].sort());
    for (const fold of folds.folds) {
      expect(fold.train.filter((id) => fold.validation.includes(id))).toEqual([]);
    }
    for (const fold of ['fold-0', 'fold-1']) {
      for (const file of [
        'config.json',
        'metrics.jsonl',
        'metrics.json',
        'predictions.csv',
        'report.html',
      ]) {
        expect(statSync(join(local, fold, file)).isFile()).toBe(true);
      }
      expect(statSync(join(local, fold, 'checkpoints', 'best', 'model.json')).isFile()).toBe(true);
    }
    // Each training patient exactly once out of fold; the test split untouched.
    const oof = csvIds(join(local, 'oof-predictions.csv'));
    expect([...oof].sort()).toEqual([...patients].sort());
    const test = new Set(csvIds(join(data, 'test_labels.csv')));
    expect(oof.filter((id) => test.has(id))).toEqual([]);
    const metrics = JSON.parse(read(join(local, 'metrics.json'))) as CvMetrics;
    expect(Object.keys(metrics)).toEqual(['pooled', 'folds', 'summary']);
    expect(metrics.folds).toEqual(
      ['fold-0', 'fold-1'].map((fold) => JSON.parse(read(join(local, fold, 'metrics.json')))),
    );
    const spread = metrics.summary.varus!.balanced_accuracy!;
    expect(spread.values).toHaveLength(2);
    const [a, b] = spread.values as number[];
    expect(spread.mean).toBeCloseTo((a! + b!) / 2, 15);
    expect(spread.sd).toBeCloseTo(Math.abs(a! - b!) / Math.SQRT2, 15); // ddof = 1
    expect(read(join(local, 'report.html'))).toContain('2 of 2 folds finished');
  });

  it('pooled out-of-fold metrics equal `ct-fracture metrics` on oof-predictions.csv', () => {
    const result = runCli(['metrics', join(local, 'oof-predictions.csv'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const pooled = (JSON.parse(read(join(local, 'metrics.json'))) as CvMetrics).pooled;
    expect(pooled).toEqual(JSON.parse(result.stdout));
    expect(pooled.tasks.varus!.n).toBe(24);
  });

  it('cv --resume skips finished folds and finishes the others, to the same result', () => {
    const before = read(join(local, 'metrics.json'));
    const finishedAt = statSync(join(local, 'fold-0', 'report.html')).mtimeMs;
    rmSync(join(local, 'fold-1', 'report.html'));
    const result = runCli(['cv', '--resume', local]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('fold-0: finished already, skipped');
    expect(result.stderr).toContain('fold-1: reporting');
    expect(statSync(join(local, 'fold-0', 'report.html')).mtimeMs).toBe(finishedAt);
    expect(read(join(local, 'metrics.json'))).toBe(before);
  });

  it('cv --help, and one line for k larger than the smallest class', () => {
    const help = runCli(['cv', '--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--folds',
      '--resume',
      '--include-test',
      '--jobs',
      '--slurm',
      '--partition',
      '--submit',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const tooMany = runCli(['cv', '--data', data, '--folds', '20', '--out', join(work, 'never')]);
    expect(tooMany.code).toBe(1);
    expect(oneErrorLine(tooMany.stderr)).toMatch(
      /the number of folds must be at most the patient count of the smallest class \(\d+: \w+ = "[^"]+"\), so that every class is in every validation fold, got 20/,
    );
    const usage = runCli(['cv', '--data', data, '--folds', '2', '--partition', 'gpu']);
    expect(usage.code).toBe(2);
    expect(oneErrorLine(usage.stderr)).toBe('ct-fracture: --partition needs --slurm');
  });
});

/** Starts the one-node cluster; the reason it cannot, or null. */
function startSlurm(): { reason: string | null; conf: string; wasRunning: boolean } {
  const script = join(ROOT, 'scripts', 'slurm-local.sh');
  const status = spawnSync('bash', [script, 'status'], { encoding: 'utf8' });
  const start = spawnSync('bash', [script, 'start'], { encoding: 'utf8' });
  const conf = /SLURM_CONF=(\S+)/.exec(start.stdout)?.[1] ?? '';
  if (start.status === 0 && conf !== '')
    return { reason: null, conf, wasRunning: status.status === 0 };
  const why = start.stderr.trim().split('\n').pop() ?? `exit code ${start.status}`;
  return { reason: `scripts/slurm-local.sh start failed: ${why}`, conf, wasRunning: false };
}

const CI = process.env.CI === 'true';
const slurm = startSlurm();

describe.skipIf(slurm.reason !== null && !CI)(
  `ct-fracture cv on a real one-node Slurm${slurm.reason === null ? '' : ` (skipped: ${slurm.reason})`}`,
  () => {
    const env = { ...process.env, SLURM_CONF: slurm.conf };
    const slurmCli = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/ct-fracture.cjs'), ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });

    afterAll(() => {
      if (slurm.reason === null && !slurm.wasRunning) {
        spawnSync('bash', [join(ROOT, 'scripts', 'slurm-local.sh'), 'stop']);
      }
    });

    /** JobState of every job (array tasks included) with this id. */
    const jobStates = (job: string) =>
      [
        ...spawnSync('scontrol', ['show', 'job', job], { env, encoding: 'utf8' }).stdout.matchAll(
          /JobState=(\w+)/g,
        ),
      ].map((match) => match[1]!);

    it('starts (under CI a cluster that cannot start fails the test)', () => {
      expect(slurm.reason).toBeNull();
    });

    it('cv --slurm --submit: the array and the afterok report job run; the report equals the local one', async () => {
      const cvDir = join(work, 'cv-slurm');
      const submitted = slurmCli([
        'cv',
        '--data',
        data,
        ...TINY,
        '--out',
        cvDir,
        '--slurm',
        '--partition',
        'debug',
        '--cpus',
        '1',
        '--mem',
        '1000',
        '--time',
        '10',
        '--submit',
        '--json',
      ]);
      expect(submitted.status, submitted.stderr).toBe(0);
      const { slurm: jobs } = JSON.parse(submitted.stdout) as {
        slurm: { arrayJob: string; reportJob: string; array: string };
      };
      expect(read(jobs.array)).toContain('#SBATCH --array=0-1');
      const deadline = Date.now() + 300_000;
      let states = jobStates(jobs.reportJob);
      while (
        !states.every((state) => ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT'].includes(state))
      ) {
        if (Date.now() > deadline)
          throw new Error(`Slurm jobs still ${states.join(', ')} after 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        states = jobStates(jobs.reportJob);
      }
      const log = (name: string) => read(join(cvDir, 'slurm', name));
      expect(jobStates(jobs.arrayJob), log('fold-0.out') + log('fold-1.out')).toEqual([
        'COMPLETED',
        'COMPLETED',
      ]);
      expect(states, log('report.out')).toEqual(['COMPLETED']);
      expect(read(join(cvDir, 'folds.json'))).toBe(read(join(local, 'folds.json')));
      expect(read(join(cvDir, 'metrics.json'))).toBe(read(join(local, 'metrics.json')));
      expect(read(join(cvDir, 'oof-predictions.csv'))).toBe(
        read(join(local, 'oof-predictions.csv')),
      );
      expect(reportText(cvDir)).toBe(reportText(local));
    });

    it('an unknown partition is one line naming the partitions sinfo lists', () => {
      const result = slurmCli([
        'cv',
        '--data',
        data,
        ...TINY,
        '--out',
        join(work, 'never-2'),
        '--slurm',
        '--partition',
        'nope',
      ]);
      expect(result.status).toBe(1);
      expect(oneErrorLine(result.stderr)).toBe(
        'ct-fracture: --partition must be a partition Slurm knows (sinfo lists debug), got "nope"',
      );
    });
  },
);
