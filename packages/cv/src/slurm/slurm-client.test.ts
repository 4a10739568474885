import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPartition, slurmPartitions, submitSlurm } from './slurm-client';

/**
 * Stand-ins for sinfo and sbatch on PATH (the real cluster is the end-to-end test's): sinfo
 * lists two partitions; sbatch records its arguments and answers like `sbatch --parsable`.
 */
let bin: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'ctf-cv-fake-slurm-'));
  const script = async (name: string, body: string) => {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  };
  await script('sinfo', 'printf "debug\\ngpu\\ngpu\\n"');
  await script(
    'sbatch',
    [
      `echo "$@" >> "${bin}/sbatch.log"`,
      'case "$*" in *refuse*) echo "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2; exit 1;; esac',
      `n=$(wc -l < "${bin}/sbatch.log")`,
      'echo "$((41 + n));cluster"',
    ].join('\n'),
  );
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
});

afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

describe('slurm client', () => {
  it('lists the partitions sinfo knows', async () => {
    expect(await slurmPartitions({ env })).toEqual(['debug', 'gpu']);
  });

  it('names an unknown partition and the known ones', async () => {
    await expect(checkPartition('gpu', { env })).resolves.toBeUndefined();
    await expect(checkPartition('bigmem', { env })).rejects.toThrow(
      '--partition must be a partition Slurm knows (sinfo lists debug, gpu), got "bigmem"',
    );
  });

  it('submits the array, then the report job after it (afterok), and returns both ids', async () => {
    const ids = await submitSlurm(
      {
        array: '/cv/slurm/cv.sbatch',
        report: '/cv/slurm/report.sbatch',
        submit: '/cv/slurm/submit.sh',
      },
      { env },
    );
    expect(ids).toEqual({ arrayJob: '42', reportJob: '43' });
    expect((await readFile(join(bin, 'sbatch.log'), 'utf8')).split('\n')).toEqual([
      '--parsable /cv/slurm/cv.sbatch',
      '--parsable --dependency=afterok:42 /cv/slurm/report.sbatch',
      '',
    ]);
  });

  it("passes sbatch's refusal on in one line", async () => {
    await expect(
      submitSlurm({ array: '/refuse/cv.sbatch', report: '/r.sbatch', submit: '/s.sh' }, { env }),
    ).rejects.toThrow(
      'sbatch could not submit /refuse/cv.sbatch: sbatch: error: Batch job submission failed: Invalid partition name specified',
    );
  });

  it('says when Slurm is not installed', async () => {
    await expect(slurmPartitions({ env: { PATH: '/nonexistent' } })).rejects.toThrow(
      "sinfo must be on PATH to list the partitions (Slurm's client commands), got none",
    );
  });
});
