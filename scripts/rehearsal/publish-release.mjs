// The release half of the rehearsal: a clean copy of the repository, `changeset version`, then
// the repository's own release command (`pnpm run release`: build, `changeset publish`) into
// the rehearsal registry.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmrcFor, publishedVersions } from './registry.mjs';
import { check, run, step } from './run-step.mjs';
import { unpack } from './tarball-checks.mjs';
import { commitAll, copyWorkspace } from './workspace-copy.mjs';

/** The public packages of a repository: `{ name, version, dir, folder }`, by name. */
export function publicPackages(repo) {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(repo, group))) {
      const dir = join(repo, group, entry);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (manifest.private) continue;
      found.push({
        name: manifest.name,
        version: manifest.version,
        dir,
        folder: `${group}/${entry}`,
      });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Each public package's README: `{ name, path, markdown }`. */
export function readmesOf(packages) {
  return packages.map((pkg) => ({
    name: pkg.name,
    path: `${pkg.folder}/README.md`,
    markdown: readFileSync(join(pkg.dir, 'README.md'), 'utf8'),
  }));
}

/**
 * Copies the working tree of `root` into `repo`, versions it and publishes every public
 * package into the registry.
 * @returns `{ versions: Map<name, version>, readmes }` of the release.
 */
export async function publishRelease(root, repo, registry) {
  const copied = await step('copy the working tree into a fresh repository', () =>
    copyWorkspace(root, repo),
  );
  process.stderr.write(`[rehearsal]   ${copied} files\n`);
  // The addon is compiled where the package is installed, never shipped: skip it here.
  const env = { CTF_ONEDNN_SKIP_BUILD: '1', CI: 'true', TURBO_TELEMETRY_DISABLED: '1' };
  await step('pnpm install --frozen-lockfile', () =>
    run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'], {
      cwd: repo,
      env,
    }),
  );

  const before = new Map(publicPackages(repo).map((pkg) => [pkg.name, pkg.version]));
  const versions = await step('changeset version', async () => {
    // A patch bump of every package on top of the pending changesets: a version change is
    // always rehearsed, even right after a release.
    writeFileSync(
      join(repo, '.changeset', 'release-rehearsal.md'),
      `---\n${[...before.keys()].map((name) => `"${name}": patch`).join('\n')}\n---\n\nRelease rehearsal.\n`,
    );
    await run('pnpm', ['exec', 'changeset', 'version'], { cwd: repo, env });
    await run(
      'pnpm',
      ['install', '--frozen-lockfile=false', '--prefer-offline', '--reporter=append-only'],
      { cwd: repo, env },
    );
    await commitAll(repo, 'Version Packages (rehearsal)');
    const after = new Map(publicPackages(repo).map((pkg) => [pkg.name, pkg.version]));
    for (const [name, version] of after)
      check(version !== before.get(name), `changeset version left ${name} at ${version}`);
    return after;
  });
  process.stderr.write(`[rehearsal]   ${[...versions].map(([n, v]) => `${n}@${v}`).join(', ')}\n`);

  await step('pnpm pack in an unbuilt package builds it first (prepack)', async () => {
    // Nothing is built yet in this copy: packing densenet3d must build it (and what it depends
    // on) with the version `changeset version` just wrote, which its checkpoints record.
    const name = '@ct-fracture/densenet3d';
    const pkg = publicPackages(repo).find((candidate) => candidate.name === name);
    check(pkg !== undefined, `no ${name} in the repository`);
    const out = join(repo, '..', 'cold-pack');
    await run('pnpm', ['pack', '--pack-destination', out], { cwd: pkg.dir, env });
    const tarball = join(out, `ct-fracture-densenet3d-${versions.get(name)}.tgz`);
    check(existsSync(tarball), `pnpm pack wrote no ${tarball}`);
    const { root, files, cleanup } = unpack(tarball);
    try {
      for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/node.js'])
        check(files.includes(file), `pnpm pack of an unbuilt ${name} shipped no ${file}`);
      const shipsVersion = files
        .filter((file) => /\.c?js$/.test(file))
        .some((file) =>
          readFileSync(join(root, file), 'utf8').includes(`version = "${versions.get(name)}"`),
        );
      check(
        shipsVersion,
        `the packed ${name} does not carry its new version ${versions.get(name)}`,
      );
    } finally {
      cleanup();
    }
  });

  await step('pnpm run release (build + changeset publish) into the registry', async () => {
    writeFileSync(join(repo, '.npmrc'), npmrcFor(registry));
    await run('pnpm', ['run', 'release'], {
      cwd: repo,
      env: { ...env, npm_config_registry: registry.url },
    });
    for (const [name, version] of versions) {
      const published = await publishedVersions(registry, name);
      check(
        published.includes(version),
        `${name}@${version} is not in the registry (it has ${published.join(', ') || 'nothing'})`,
      );
    }
  });
  return { versions, readmes: readmesOf(publicPackages(repo)) };
}
