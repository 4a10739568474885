import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainerError } from '../errors/trainer-error';
import type { AdamOptions, AdamState } from '../optim/adam';

/** The file names of an optimiser state beside a checkpoint. */
export const OPTIMIZER_FILES = { manifest: 'optimizer.json', moments: 'optimizer.bin' } as const;

interface OptimizerManifest {
  format: 'ct-fracture-optimizer';
  formatVersion: 1;
  options: AdamOptions;
  step: number;
  /** Variables in file order; each has `size` values of `m`, then `size` of `v`, float32 LE. */
  variables: { name: string; size: number }[];
}

/**
 * An optimiser state as the two files written beside a checkpoint: `optimizer.json` (options,
 * step, variable order) and `optimizer.bin` (both moments, float32 little-endian).
 * @example
 * const files = encodeOptimizerState(adam.options, await adam.getState());
 */
export function encodeOptimizerState(
  options: AdamOptions,
  state: AdamState,
): Record<string, string | Uint8Array> {
  const variables = [...state.moments].map(([name, moments]) => ({ name, size: moments.m.length }));
  const total = variables.reduce((sum, variable) => sum + variable.size * 2, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const moments of state.moments.values()) {
    values.set(moments.m, offset);
    offset += moments.m.length;
    values.set(moments.v, offset);
    offset += moments.v.length;
  }
  const manifest: OptimizerManifest = {
    format: 'ct-fracture-optimizer',
    formatVersion: 1,
    options,
    step: state.step,
    variables,
  };
  return {
    [OPTIMIZER_FILES.manifest]: `${JSON.stringify(manifest, null, 2)}\n`,
    [OPTIMIZER_FILES.moments]: new Uint8Array(values.buffer),
  };
}

/**
 * Reads the optimiser state written beside a checkpoint.
 * @throws {TrainerError} `resume` when the files are missing, malformed or truncated, or a moment
 *   is NaN/±∞.
 */
export async function loadOptimizerState(
  dir: string,
): Promise<{ options: AdamOptions; state: AdamState }> {
  const file = join(dir, OPTIMIZER_FILES.manifest);
  let manifest: OptimizerManifest;
  let bytes: Buffer;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as OptimizerManifest;
    bytes = await readFile(join(dir, OPTIMIZER_FILES.moments));
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
      file: join(dir, OPTIMIZER_FILES.moments),
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
    const bad = [m, v].findIndex((values) => values.some((value) => value - value !== 0));
    if (bad >= 0) {
      throw new TrainerError({
        code: 'resume',
        file: join(dir, OPTIMIZER_FILES.moments),
        value: name,
        message: `the optimiser's ${bad === 0 ? 'first' : 'second'} moments must be finite, got NaN or ±∞ for '${name.slice(0, 80)}'`,
      });
    }
    moments.set(name, { m, v });
  }
  return { options: manifest.options, state: { step: manifest.step, moments } };
}
