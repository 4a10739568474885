import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DenseNetConfig } from '../model/config';
import type { TorchArray } from '../torch/layout';

/** The package's fixtures/ folder. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** A fixture written by fixtures/make_torch_fixtures.py: metadata plus named float32 arrays. */
export interface FixtureBundle {
  config: DenseNetConfig;
  prefix?: string;
  headKeys: Record<string, string>;
  targets?: Record<string, number[]>;
  loss?: number;
  arrays: Map<string, TorchArray>;
}

/** Reads `fixtures/<name>.json` + `.bin`. */
export function readBundle(name: string): FixtureBundle {
  const meta = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Omit<
    FixtureBundle,
    'arrays'
  > & { arrays: Record<string, { offset: number; shape: number[] }> };
  const bytes = readFileSync(join(FIXTURES, `${name}.bin`));
  const all = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  const arrays = new Map<string, TorchArray>();
  for (const [key, { offset, shape }] of Object.entries(meta.arrays)) {
    const size = shape.reduce((product, dimension) => product * dimension, 1);
    arrays.set(key, { shape, data: all.subarray(offset, offset + size) });
  }
  return { ...meta, arrays };
}

/** The windowed fixture volume as model input data ([i, j, k] C-order, 20³). */
export function readVolumeInput(): Float32Array {
  const bytes = readFileSync(join(FIXTURES, 'volume-input.bin'));
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

/** Largest absolute elementwise difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let worst = 0;
  for (let index = 0; index < a.length; index += 1)
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  return worst;
}
