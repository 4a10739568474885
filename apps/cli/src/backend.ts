import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from './cli-error';
import type { Io } from './run-action';

/** The values of `--backend`. */
export const BACKEND_CHOICES = ['auto', 'onednn', 'tensorflow', 'cpu', 'wasm'] as const;

/** A `--backend` value: `auto` picks the fastest backend that loads. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The backend in use after {@link setUpBackend}. */
export interface ActiveBackend {
  /** The TensorFlow.js backend name (`onednn`, `tensorflow`, `wasm` or `cpu`). */
  name: string;
  /** The one line printed on stderr, e.g. `backend: onednn (oneDNN 2.6.3, 2 threads)`. */
  line: string;
}

/** Imports an optional package by name (never a dependency of the CLI); undefined when absent. */
async function importOptional(name: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ name);
    return true;
  } catch {
    return false;
  }
}

type Attempt = { ok: true; detail: string } | { ok: false; reason: string; hint: string };

async function tryOneDnn(): Promise<Attempt> {
  const onednn = await import('@ct-fracture/tfjs-backend-onednn');
  const status = onednn.registerOneDnnBackend();
  if (!status.available) return { ok: false, reason: status.reason, hint: status.hint };
  if (!(await tf.setBackend(onednn.ONEDNN_BACKEND_NAME))) {
    return {
      ok: false,
      reason: 'the backend failed to initialise',
      hint: 'run with --backend cpu',
    };
  }
  const info = onednn.oneDnnStatus();
  const detail = info.available
    ? `oneDNN ${info.info.onednnVersion}, ${info.info.threads} threads`
    : 'oneDNN';
  return { ok: true, detail };
}

async function tryTensorflow(): Promise<Attempt> {
  const hint =
    'install @tensorflow/tfjs-node (`pnpm add @tensorflow/tfjs-node`; it downloads libtensorflow)';
  if (!(await importOptional('@tensorflow/tfjs-node')))
    return { ok: false, reason: '@tensorflow/tfjs-node is not installed', hint };
  if (!(await tf.setBackend('tensorflow')))
    return { ok: false, reason: '@tensorflow/tfjs-node failed to initialise', hint };
  return { ok: true, detail: 'libtensorflow via @tensorflow/tfjs-node' };
}

async function tryWasm(requireConv3d: boolean): Promise<Attempt> {
  const hint = 'install @tensorflow/tfjs-backend-wasm (`pnpm add @tensorflow/tfjs-backend-wasm`)';
  if (!(await importOptional('@tensorflow/tfjs-backend-wasm'))) {
    return { ok: false, reason: '@tensorflow/tfjs-backend-wasm is not installed', hint };
  }
  if (requireConv3d && tf.getKernel('Conv3D', 'wasm') === undefined) {
    return {
      ok: false,
      reason: 'the wasm backend has no Conv3D kernel',
      hint: 'use --backend onednn or cpu',
    };
  }
  if (!(await tf.setBackend('wasm')))
    return { ok: false, reason: 'the wasm backend failed to initialise', hint };
  return { ok: true, detail: 'WebAssembly' };
}

async function useCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
}

/**
 * Sets up the TensorFlow.js backend for `--backend` and prints one line on stderr saying
 * which. `auto` tries, in order, `onednn` (the native oneDNN backend), `tensorflow`
 * (`@tensorflow/tfjs-node`, when a user installed it), `wasm` (when installed and it has
 * Conv3D) and `cpu`; when `onednn` cannot load, the line says why and what to install.
 * @throws {UsageError} when an explicitly requested backend is not available (the message
 * says what to install).
 * @example
 * const backend = await setUpBackend('auto', io); // stderr: "backend: onednn (oneDNN 2.6.3, 2 threads)"
 */
export async function setUpBackend(choice: string, io: Io): Promise<ActiveBackend> {
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) {
    throw new UsageError(`--backend must be one of ${BACKEND_CHOICES.join(', ')}, got '${choice}'`);
  }
  // A command line, not a notebook: no TensorFlow.js console banners ("install tfjs-node").
  tf.env().set('PROD', true);
  const announce = (name: string, detail: string): ActiveBackend => {
    const line = `backend: ${name} (${detail})`;
    io.err(`${line}\n`);
    return { name, line };
  };
  const explicit: Record<string, () => Promise<Attempt>> = {
    onednn: tryOneDnn,
    tensorflow: tryTensorflow,
    wasm: () => tryWasm(false),
  };
  const single = explicit[choice];
  if (single !== undefined) {
    const attempt = await single();
    if (!attempt.ok)
      throw new UsageError(
        `--backend ${choice} is unavailable: ${attempt.reason}; ${attempt.hint}`,
      );
    return announce(choice, attempt.detail);
  }
  if (choice === 'cpu') {
    await useCpu();
    return announce('cpu', 'pure JavaScript');
  }
  const onednn = await tryOneDnn();
  if (onednn.ok) return announce('onednn', onednn.detail);
  const tensorflow = await tryTensorflow();
  if (tensorflow.ok) return announce('tensorflow', tensorflow.detail);
  const wasm = await tryWasm(true);
  if (wasm.ok) return announce('wasm', wasm.detail);
  await useCpu();
  return announce(
    'cpu',
    `pure JavaScript, very slow for 3D networks; the onednn backend is unavailable: ${onednn.reason}; to enable it, ${onednn.hint}`,
  );
}
