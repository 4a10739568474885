import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainerError } from '../errors/trainer-error';
import { writeFileAtomic } from '../io/atomic-write';
import type { AdamOptions, AdamState } from '../optim/adam';

interface OptimizerManifest {
  format: 'ct-fracture-optimizer';
  formatVersion: 1;
  options: AdamOptions;
  step: number;
  /** Variables in file order; each has `size` values of `m`, then `size` of `v`, float32 LE. */
  variables: { name: string; size: number }[];
}

/**
 * Writes an optimiser's state beside a checkpoint: `optimizer.json` (options, step, variable
 * order) and `optimizer.bin` (the moments, float32 little-endian).
 */
export async function saveOptimizerState(
  dir: string,
  options: AdamOptions,
  state: AdamState,
): Promise<void> {
  const variables = [...state.moments].map(([name, moments]) => ({ name, size: moments.m.length }));
  const chunks = [...state.moments.values()].flatMap((moments) => [
    new Uint8Array(moments.m.buffer, moments.m.byteOffset, moments.m.byteLength),
    new Uint8Array(moments.v.buffer, moments.v.byteOffset, moments.v.byteLength),
  ]);
  const manifest: OptimizerManifest = {
    format: 'ct-fracture-optimizer',
    formatVersion: 1,
    options,
    step: state.step,
    variables,
  };
  await writeFileAtomic(join(dir, 'optimizer.bin'), chunks);
  await writeFileAtomic(join(dir, 'optimizer.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Reads what {@link saveOptimizerState} wrote.
 * @throws {TrainerError} `resume` when the files are missing, malformed or truncated.
 */
export async function loadOptimizerState(
  dir: string,
): Promise<{ options: AdamOptions; state: AdamState }> {
  const file = join(dir, 'optimizer.json');
  let manifest: OptimizerManifest;
  let bytes: Buffer;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as OptimizerManifest;
    bytes = await readFile(join(dir, 'optimizer.bin'));
  } catch (error) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `the optimiser state must be readable beside the checkpoint, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  if (manifest.format !== 'ct-fracture-optimizer' || !Array.isArray(manifest.variables)) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `the optimiser state must have format 'ct-fracture-optimizer', got ${JSON.stringify(manifest.format)}`,
    });
  }
  const expected = manifest.variables.reduce((sum, variable) => sum + variable.size * 8, 0);
  if (bytes.length !== expected) {
    throw new TrainerError({
      code: 'resume',
      file: join(dir, 'optimizer.bin'),
      message: `the optimiser moments must be ${expected} bytes, got ${bytes.length}`,
    });
  }
  const moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  let offset = 0;
  for (const { name, size } of manifest.variables) {
    const m = new Float32Array(size);
    const v = new Float32Array(size);
    new Uint8Array(m.buffer).set(bytes.subarray(offset, offset + size * 4));
    offset += size * 4;
    new Uint8Array(v.buffer).set(bytes.subarray(offset, offset + size * 4));
    offset += size * 4;
    moments.set(name, { m, v });
  }
  return { options: manifest.options, state: { step: manifest.step, moments } };
}
