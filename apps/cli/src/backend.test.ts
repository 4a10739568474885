import { oneDnnStatus } from '@ct-fracture/tfjs-backend-onednn';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { setUpBackend } from './backend';
import { UsageError } from './cli-error';

function capture() {
  const lines: string[] = [];
  return { io: { out: () => {}, err: (text: string) => lines.push(text) }, lines };
}

describe('setUpBackend', () => {
  it('cpu: prints one line and activates cpu', async () => {
    const { io, lines } = capture();
    const backend = await setUpBackend('cpu', io);
    expect(backend.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual([`${backend.line}\n`]);
  });

  it('auto: picks onednn when its addon loads, else says what to install in one line', async () => {
    const { io, lines } = capture();
    const backend = await setUpBackend('auto', io);
    expect(lines).toHaveLength(1);
    if (oneDnnStatus().available) {
      expect(backend.name).toBe('onednn');
      expect(lines[0]).toMatch(/^backend: onednn \(oneDNN \d+\.\d+/);
    } else {
      expect(lines[0]).toContain('libdnnl-dev');
    }
    expect(tf.getBackend()).toBe(backend.name);
  });

  it.each([
    ['tensorflow', '@tensorflow/tfjs-node'],
    ['wasm', '@tensorflow/tfjs-backend-wasm'],
  ])('%s without its package: a usage error naming what to install', async (choice, pkg) => {
    const { io } = capture();
    const attempt = setUpBackend(choice, io);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(setUpBackend(choice, io)).rejects.toThrow(pkg);
  });

  it('rejects an unknown name', async () => {
    await expect(setUpBackend('gpu', capture().io)).rejects.toThrow(
      /--backend must be one of auto, onednn/,
    );
  });
});
