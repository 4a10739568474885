import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readCheckpointMetadata } from '@ct-fracture/densenet3d/node';
import { CliInputError } from '../cli-error';

const HOLDS = 'a checkpoint folder holds model.json, weights.bin and ct-fracture.json';

/**
 * Checks that `dir` is a checkpoint folder before it is served: a folder whose
 * ct-fracture.json is valid and whose model.json lists weight files that are there.
 * @throws CliInputError (missing folder or file) / DenseNetError (bad ct-fracture.json or
 *   model.json), one line naming the file.
 */
export async function checkCheckpointFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new CliInputError(
      `--checkpoint must be a checkpoint folder (${HOLDS}), got '${dir}': ${info === undefined ? 'no such folder' : 'not a folder'}`,
    );
  }
  await readCheckpointMetadata(dir);
  const modelFile = join(dir, 'model.json');
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(await readFile(modelFile, 'utf8'));
  } catch (error) {
    throw new CliInputError(
      `${modelFile} must be a readable JSON file (${HOLDS}): ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const manifest = (modelJson as { weightsManifest?: unknown }).weightsManifest;
  const paths = Array.isArray(manifest)
    ? manifest.flatMap((group: { paths?: unknown }) =>
        Array.isArray(group?.paths) ? group.paths : [],
      )
    : [];
  for (const path of paths) {
    const file = join(dir, String(path));
    if (!(await stat(file).catch(() => undefined))?.isFile()) {
      throw new CliInputError(`${file} must exist: model.json lists it`);
    }
  }
}
