// A clean copy of the repository, as a fresh clone would have it: the files git tracks plus
// untracked files that are not ignored (so uncommitted work is rehearsed too), none of the
// ignored build outputs (node_modules, dist, build), committed in a new git repository.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RehearsalError, run } from './run-step.mjs';

/** Copies the working tree of the repository at `root` into `target` and commits it there. */
export async function copyWorkspace(root, target) {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (listed.status !== 0)
    throw new RehearsalError(`git ls-files in ${root} failed: ${listed.stderr.trim()}`);
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  let copied = 0;
  for (const file of files) {
    const from = join(root, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    const to = join(target, file);
    mkdirSync(dirname(to), { recursive: true });
    const stat = lstatSync(from);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (stat.isFile()) copyFileSync(from, to);
    else continue;
    copied++;
  }
  const git = (args) => run('git', args, { cwd: target });
  await git(['init', '--quiet', '--initial-branch=main']);
  await git(['add', '-A']);
  await git([
    '-c',
    'user.name=release rehearsal',
    '-c',
    'user.email=rehearsal@localhost',
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    'rehearsal: the working tree',
  ]);
  return copied;
}

/** Commits everything in `dir` (the rehearsal's "Version Packages" commit). */
export async function commitAll(dir, message) {
  await run('git', ['add', '-A'], { cwd: dir });
  await run(
    'git',
    [
      '-c',
      'user.name=release rehearsal',
      '-c',
      'user.email=rehearsal@localhost',
      'commit',
      '--quiet',
      '--no-verify',
      '--allow-empty',
      '-m',
      message,
    ],
    { cwd: dir },
  );
}
