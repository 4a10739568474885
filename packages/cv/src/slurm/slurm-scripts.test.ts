import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlurmResources } from './slurm-options';
import { arraySpec, shellQuote, slurmScriptTexts, writeSlurmScripts } from './slurm-scripts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-slurm-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('arraySpec', () => {
  it.each([
    { indices: [0, 1, 2, 3, 4], spec: '0-4' },
    { indices: [3], spec: '3' },
    { indices: [0, 1, 2, 5, 7, 8], spec: '0-2,5,7-8' },
    { indices: [4, 2, 3, 2], spec: '2-4' },
  ])('$indices → $spec', ({ indices, spec }) => {
    expect(arraySpec(indices)).toBe(spec);
  });
});

describe('shellQuote', () => {
  it.each([
    { word: '/opt/node/bin/node', quoted: '/opt/node/bin/node' },
    { word: '/data/my runs/cv', quoted: "'/data/my runs/cv'" },
    { word: "it's", quoted: "'it'\\''s'" },
  ])('$word', ({ word, quoted }) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('slurmScriptTexts', () => {
  const texts = slurmScriptTexts({
    cvDir: '/shared/runs/cv 1',
    indices: [0, 1, 2, 3, 4],
    command: ['/usr/bin/node', '/opt/ct-fracture/bin/ct-fracture.cjs'],
    partition: 'gpu',
    time: '2-00:00:00',
    gpus: 1,
    cpus: 8,
    mem: '32G',
    jobs: 2,
  });

  it('writes a job array: one task per fold running cv-fold with the task id', () => {
    const lines = texts.array.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '#!/bin/bash',
        '#SBATCH --array=0-4%2',
        '#SBATCH --output=/shared/runs/cv 1/slurm/fold-%a.out',
        '#SBATCH --partition=gpu',
        '#SBATCH --time=2-00:00:00',
        '#SBATCH --gpus=1',
        '#SBATCH --cpus-per-task=8',
        '#SBATCH --mem=32G',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion
        'export CTF_ONEDNN_THREADS="${SLURM_CPUS_PER_TASK:-1}"',
        `exec /usr/bin/node /opt/ct-fracture/bin/ct-fracture.cjs cv-fold '/shared/runs/cv 1' "$SLURM_ARRAY_TASK_ID"`,
      ]),
    );
    // Every #SBATCH line comes before the first command (sbatch stops reading them there).
    const firstCommand = lines.findIndex((line) => line !== '' && !line.startsWith('#'));
    expect(lines.slice(firstCommand).some((line) => line.startsWith('#SBATCH'))).toBe(false);
  });

  it('writes the report job and a submit script with afterok on the array', () => {
    expect(texts.report).toContain(
      `exec /usr/bin/node /opt/ct-fracture/bin/ct-fracture.cjs cv report '/shared/runs/cv 1'`,
    );
    expect(texts.report).toContain('#SBATCH --partition=gpu');
    expect(texts.report).not.toContain('--gpus');
    expect(texts.submit).toContain(
      `array=$(sbatch --parsable '/shared/runs/cv 1/slurm/cv.sbatch')`,
    );
    expect(texts.submit).toContain(
      `report=$(sbatch --parsable --dependency=afterok:"$array" '/shared/runs/cv 1/slurm/report.sbatch')`,
    );
  });

  it('leaves unset resources to the cluster', () => {
    const plain = slurmScriptTexts({ cvDir: '/cv', indices: [1, 3], command: ['ct-fracture'] });
    expect(plain.array).toContain('#SBATCH --array=1,3\n');
    expect(plain.array).not.toMatch(/--partition|--time|--gpus|--mem|--cpus-per-task/);
  });
});

describe('checkSlurmResources', () => {
  it.each([
    {
      resources: { time: '2 days' },
      message: '--time must be minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]], got "2 days"',
    },
    {
      resources: { mem: '32GB' },
      message: '--mem must be a size in MB or with a unit K, M, G or T (e.g. 32G), got "32GB"',
    },
    { resources: { cpus: 0 }, message: '--cpus must be a positive integer, got "0"' },
    { resources: { gpus: 1.5 }, message: '--gpus must be a positive integer, got "1.5"' },
    {
      resources: { partition: 'gpu;rm -rf' },
      message: '--partition must be a Slurm partition name',
    },
  ])('$message', ({ resources, message }) => {
    expect(() => checkSlurmResources(resources)).toThrow(message);
  });

  it.each(['90', '30:00', '12:00:00', '1-12', '1-12:30', '7-00:00:00', 'UNLIMITED'])(
    'accepts --time %s',
    (time) => {
      expect(() => checkSlurmResources({ time, mem: '16000', cpus: 4 })).not.toThrow();
    },
  );
});

describe('writeSlurmScripts', () => {
  it('writes executable cv.sbatch, report.sbatch and submit.sh into <cv>/slurm', async () => {
    const scripts = await writeSlurmScripts({
      cvDir: dir,
      indices: [0, 1],
      command: ['ct-fracture'],
    });
    expect(scripts).toEqual({
      array: join(dir, 'slurm', 'cv.sbatch'),
      report: join(dir, 'slurm', 'report.sbatch'),
      submit: join(dir, 'slurm', 'submit.sh'),
    });
    for (const file of Object.values(scripts)) {
      expect((await stat(file)).mode & 0o111).not.toBe(0);
    }
    expect(await readFile(scripts.array, 'utf8')).toContain('#SBATCH --array=0-1\n');
  });
});
