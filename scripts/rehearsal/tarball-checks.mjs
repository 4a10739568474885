// What every published tarball must be, checked on the tarball itself: the licence and the
// third-party notices, the repository links, no source maps, no workspace: ranges, each source
// module bundled once per module format (one module instance per package under CJS and ESM),
// and publint / @arethetypeswrong/cli clean.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else found.push(path);
  }
  return found;
}

/** Unpacks a tarball into a temporary folder; returns `{ root, files, cleanup }`. */
export function unpack(tarball) {
  const dir = mkdtempSync(join(tmpdir(), 'ctf-tarball-'));
  const result = spawnSync('tar', ['-xzf', tarball, '-C', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar -xzf ${tarball}: ${result.stderr}`);
  const root = join(dir, 'package');
  return {
    root,
    files: filesUnder(root).map((file) => relative(root, file)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The source modules (esbuild's `// src/…` markers) bundled into more than one output file of
 * the same format: each is a second copy of a module, with its own state and classes.
 * @returns `[{ format, module, files }]`.
 */
export function duplicatedModules(root, files) {
  const byFormat = { esm: new Map(), cjs: new Map() };
  for (const file of files) {
    if (!file.startsWith('dist/')) continue;
    const format = file.endsWith('.cjs') ? 'cjs' : file.endsWith('.js') ? 'esm' : undefined;
    if (format === undefined) continue;
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/^\/\/ (src\/[^\s]+\.tsx?)$/gm)) {
      const holders = byFormat[format].get(match[1]) ?? new Set();
      holders.add(file);
      byFormat[format].set(match[1], holders);
    }
  }
  const duplicates = [];
  for (const [format, modules] of Object.entries(byFormat))
    for (const [module, holders] of modules)
      if (holders.size > 1) duplicates.push({ format, module, files: [...holders].sort() });
  return duplicates;
}

/** Build-tool helpers esbuild/tsup inject (not third-party library code). */
const BUILD_TOOL_SHIMS = /\/tsup\/assets\//;

/**
 * The third-party packages bundled into the shipped code (esbuild's `// …node_modules/<name>/…`
 * markers), each of which THIRD_PARTY_NOTICES.md must name.
 */
export function bundledThirdParty(root, files) {
  const names = new Set();
  for (const file of files) {
    if (!/\.(c?js)$/.test(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(
      /^\/\/ (?:\.\.\/)*node_modules\/(?:\.pnpm\/[^/\s]+\/node_modules\/)?((?:@[^/\s]+\/)?[^/\s]+)\/(\S*)$/gm,
    )) {
      if (BUILD_TOOL_SHIMS.test(match[0])) continue;
      names.add(match[1]);
    }
  }
  return [...names].sort();
}

/** Repository documents a package README may mention only as links to the repository. */
const REPOSITORY_DOCUMENTS = [
  'docs/contracts.md',
  'DESIGN.md',
  'ORIGINAL_PIPELINE.md',
  'CONTRIBUTING.md',
  'STYLE.md',
];

/**
 * A README in a tarball: relative links must reach files the tarball ships, and repository
 * documents are linked with the repository's URL (a reader of the npm page has no checkout).
 * @returns problems, one line each.
 */
export function readmeLinkProblems(markdown, files, where, folderUrl) {
  const problems = [];
  // Folders of the repository a README may point into (fixtures, benchmarks, scripts) are
  // not shipped: the README then links the package's folder in the repository.
  const unshipped = [...markdown.matchAll(/(?<![\w/.-])((?:fixtures|bench|scripts)\/[\w./-]*)/g)]
    .map((match) => match[1])
    .filter((path) => !files.some((file) => file.startsWith(path.replace(/\/$/, ''))));
  if (unshipped.length > 0 && !(folderUrl && markdown.includes(folderUrl)))
    problems.push(
      `${where}: README mentions ${unshipped[0]}, which the tarball does not ship, and does not link the package's folder in the repository (${folderUrl ?? 'no "homepage"'})`,
    );
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    const path = target
      .replace(/^\.\//, '')
      .replace(/[#?].*$/, '')
      .replace(/\/$/, '');
    if (!files.some((file) => file === path || file.startsWith(`${path}/`)))
      problems.push(
        `${where}: README links to ${target}, which the tarball does not ship (link to the repository instead)`,
      );
  }
  const withoutLinks = prose.replace(/\[[^\]]*\]\(https?:[^)]*\)/g, '');
  for (const document of REPOSITORY_DOCUMENTS)
    if (withoutLinks.includes(document))
      problems.push(
        `${where}: README mentions ${document} without linking it (the tarball does not ship it)`,
      );
  return problems;
}

/**
 * Checks one packed package; `expectedVersion` when the version is known (a release: it then
 * must carry its CHANGELOG.md too).
 * @returns `{ name, version, packedBytes, unpackedBytes, problems }`.
 */
export function checkTarball(
  tarball,
  { expectedVersion, released = expectedVersion !== undefined } = {},
) {
  const { root, files, cleanup } = unpack(tarball);
  const problems = [];
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const where = `${manifest.name}@${manifest.version}`;
    // A changelog exists once `changeset version` has run (`released`).
    const required = [
      'LICENSE',
      'THIRD_PARTY_NOTICES.md',
      'README.md',
      ...(released ? ['CHANGELOG.md'] : []),
    ];
    for (const file of required)
      if (!files.includes(file)) problems.push(`${where}: the tarball has no ${file}`);
    for (const field of ['repository', 'homepage', 'bugs', 'license'])
      if (manifest[field] === undefined) problems.push(`${where}: package.json has no "${field}"`);
    if (typeof manifest.repository === 'object' && !manifest.repository.directory)
      problems.push(`${where}: "repository" names no "directory" (the package's folder)`);
    const maps = files.filter((file) => file.endsWith('.map'));
    if (maps.length > 0) problems.push(`${where}: ships source maps (${maps.join(', ')})`);
    const mapComments = files.filter(
      (file) =>
        /\.(c?js)$/.test(file) &&
        /\/\/# sourceMappingURL=/.test(readFileSync(join(root, file), 'utf8')),
    );
    if (mapComments.length > 0)
      problems.push(`${where}: points at source maps it does not ship (${mapComments.join(', ')})`);
    for (const kind of ['dependencies', 'peerDependencies', 'optionalDependencies'])
      for (const [name, range] of Object.entries(manifest[kind] ?? {}))
        if (String(range).startsWith('workspace:'))
          problems.push(`${where}: ${kind}.${name} is ${range} (not replaced on publish)`);
    if (expectedVersion !== undefined && manifest.version !== expectedVersion)
      problems.push(`${where}: version is ${manifest.version}, expected ${expectedVersion}`);
    const notices = files.includes('THIRD_PARTY_NOTICES.md')
      ? readFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8')
      : '';
    for (const name of bundledThirdParty(root, files))
      if (!new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`, 'm').test(notices))
        problems.push(
          `${where}: bundles ${name}, which THIRD_PARTY_NOTICES.md does not name (a "## ${name}" section with its licence)`,
        );
    if (files.includes('README.md'))
      problems.push(
        ...readmeLinkProblems(
          readFileSync(join(root, 'README.md'), 'utf8'),
          files,
          where,
          typeof manifest.homepage === 'string' ? manifest.homepage.replace(/#.*$/, '') : undefined,
        ),
      );
    for (const file of files.filter((name) => name.endsWith('.cjs'))) {
      const required =
        /Promise\.resolve\(\)\.then\(\(\) => _interopRequireWildcard\(require\("(?![./])([^"]+)"\)\)\)/.exec(
          readFileSync(join(root, file), 'utf8'),
        );
      if (required)
        problems.push(
          `${where}: ${file} turns import("${required[1]}") into require(), which fails for an ES-module-only package with top-level await`,
        );
    }
    for (const duplicate of duplicatedModules(root, files))
      problems.push(
        `${where}: ${duplicate.module} is bundled into ${duplicate.files.join(' and ')} (${duplicate.format}): two copies of its state and classes`,
      );
    let unpackedBytes = 0;
    for (const file of files) unpackedBytes += statSync(join(root, file)).size;
    return {
      name: manifest.name,
      version: manifest.version,
      packedBytes: statSync(tarball).size,
      unpackedBytes,
      files,
      problems,
    };
  } finally {
    cleanup();
  }
}

/** Packages whose shipped code contains tfjs-core's gradient registrations (should be one). */
export function packagesBundlingGradients(tarballs) {
  const holders = [];
  for (const tarball of tarballs) {
    const { root, files, cleanup } = unpack(tarball);
    try {
      const name = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name;
      const bundles = files.filter(
        (file) =>
          /\.(c?js)$/.test(file) &&
          readFileSync(join(root, file), 'utf8').includes('conv3DGradConfig = {'),
      );
      if (bundles.length > 0) holders.push({ name, files: bundles });
    } finally {
      cleanup();
    }
  }
  return holders;
}

/**
 * publint (strict: warnings count) and @arethetypeswrong's checks on a tarball, in this process
 * (TypeScript is loaded once, not per package).
 * @returns problems, one line each (empty when clean).
 */
export async function lintTarball(tarball) {
  const problems = [];
  const bytes = readFileSync(tarball);
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const tarballData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: tarballData }, strict: true });
  for (const message of messages)
    if (message.type !== 'suggestion')
      problems.push(`publint ${tarball}: ${formatMessage(message, pkg, { color: false })}`);
  const { checkPackage, createPackageFromTarballData } = await import('@arethetypeswrong/core');
  const result = await checkPackage(createPackageFromTarballData(new Uint8Array(bytes)));
  if (result.types === false) problems.push(`attw ${tarball}: the package ships no types`);
  for (const problem of result.problems ?? [])
    problems.push(
      `attw ${tarball}: ${problem.kind}${problem.entrypoint ? ` at ${problem.entrypoint}` : ''}${problem.resolutionKind ? ` (${problem.resolutionKind} resolution)` : ''}`,
    );
  return problems;
}
