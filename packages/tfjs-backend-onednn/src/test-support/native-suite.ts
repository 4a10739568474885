import { SeededRandom } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import type { OneDnnAddon } from '../addon/addon-types';
import { oneDnnStatus } from '../backend/native-controls';
import type { OneDnnBackend } from '../backend/onednn-backend';

const status = oneDnnStatus();

/** Why native tests cannot run here, or undefined when the addon is available. */
export const nativeUnavailableReason: string | undefined = status.available
  ? undefined
  : `${status.reason}; ${status.hint}`;

let warned = false;

/**
 * A describe block for tests that need the native addon. Without the addon the
 * block is skipped with the reason in its name — except under CI=true, where a
 * missing addon is a failure (CI installs oneDNN and must build it).
 */
export function describeNative(name: string, body: () => void): void {
  if (nativeUnavailableReason === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the native addon (required under CI=true)', () => {
        throw new Error(`the native addon must be built in CI: ${nativeUnavailableReason}`);
      });
    });
  } else {
    if (!warned) {
      warned = true;
      console.warn(`native oneDNN tests skipped: ${nativeUnavailableReason}`);
    }
    describe.skip(`${name} [skipped: ${nativeUnavailableReason}]`, body);
  }
}

/** A seeded uniform generator in [0, 1) (core's SeededRandom on mulberry32). */
export function seeded(seed: number): () => number {
  const random = new SeededRandom(seed, 'mulberry32');
  return () => random.next();
}

/** `length` seeded values uniform in [lo, hi). */
export function randomArray(length: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seeded(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * next());
}

/**
 * Runs `fn` on each backend (inputs rebuilt there from plain arrays) and
 * returns the outputs' values, in order.
 */
export async function runOn(
  backend: string,
  fn: () => tf.Tensor | tf.Tensor[],
): Promise<Float32Array[]> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not initialise`);
  const result = tf.tidy(fn);
  const list = Array.isArray(result) ? result : [result];
  const values = list.map((t) => Float32Array.from(t.dataSync() as Float32Array));
  tf.dispose(list);
  return values;
}

/** max |a − b| / max |b| (0 when b is all zeros and a equals it). */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let error = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    error = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(error, d);
    scale = Math.max(scale, Math.abs(b[i] ?? 0));
  }
  return scale === 0 ? error : error / scale;
}

/** The acceptance bound: max abs error ≤ 1e-4 × max |reference|. */
export const PARITY_TOLERANCE = 1e-4;

/**
 * Counts the calls `fn` makes into the native addon, by function name
 * (proves a kernel ran natively rather than through the cpu fallback).
 */
export async function countNativeCalls<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; calls: Map<string, number> }> {
  await tf.setBackend('onednn');
  const native = (tf.backend() as OneDnnBackend).native as unknown as Record<string, unknown>;
  const calls = new Map<string, number>();
  const originals = new Map<string, unknown>();
  for (const [name, value] of Object.entries(native)) {
    if (typeof value !== 'function') continue;
    originals.set(name, value);
    native[name] = (...args: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return (value as (...a: unknown[]) => unknown).apply(native, args);
    };
  }
  try {
    return { result: await fn(), calls };
  } finally {
    for (const [name, value] of originals) native[name] = value;
  }
}

/**
 * Runs `fn` on `cpu` and `onednn` and returns the relative error of each
 * output, the worst one, the values, and the native calls made on `onednn`.
 */
export async function compareWithCpu(fn: () => tf.Tensor | tf.Tensor[]): Promise<{
  worst: number;
  errors: number[];
  cpu: Float32Array[];
  onednn: Float32Array[];
  calls: Map<string, number>;
}> {
  const cpu = await runOn('cpu', fn);
  const { result: onednn, calls } = await countNativeCalls(() => runOn('onednn', fn));
  const errors = cpu.map((reference, i) =>
    relativeError(onednn[i] ?? new Float32Array(), reference),
  );
  return { worst: Math.max(...errors), errors, cpu, onednn, calls };
}

/** Names of the addon's kernel functions (for `calls` assertions). */
export type NativeFunction = keyof OneDnnAddon;
