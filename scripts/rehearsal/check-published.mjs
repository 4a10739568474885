// Every published tarball, fetched back from the registry and checked as a lab receives it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { downloadTarball } from './registry.mjs';
import { step } from './run-step.mjs';
import { checkTarball, lintTarball, packagesBundlingGradients } from './tarball-checks.mjs';

/**
 * Downloads each released tarball into `dir` and checks it; problems go into `problems`.
 * @returns `{ name, packedBytes, unpackedBytes }` per package.
 */
export async function checkPublished(dir, registry, versions, problems) {
  mkdirSync(dir, { recursive: true });
  return step('check every published tarball (contents, publint, attw)', async () => {
    const sizes = [];
    const paths = [];
    for (const [name, version] of versions) {
      const path = join(dir, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
      await downloadTarball(registry, name, version, path);
      paths.push(path);
      const checked = checkTarball(path, { expectedVersion: version });
      sizes.push({ name, packedBytes: checked.packedBytes, unpackedBytes: checked.unpackedBytes });
      problems.push(...checked.problems, ...(await lintTarball(path)));
    }
    const gradients = packagesBundlingGradients(paths);
    if (gradients.length > 1)
      problems.push(
        `tfjs-core's gradients are bundled by ${gradients.map((g) => `${g.name} (${g.files.join(', ')})`).join(' and ')}; one package should carry them`,
      );
    return sizes;
  });
}
