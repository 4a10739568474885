import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeNative, randomArray } from '../test-support/native-suite';
import { BufferPool, sizeClass } from './buffer-pool';

describe('BufferPool', () => {
  it('recycles an array once its last user is released', () => {
    const pool = new BufferPool(1 << 20);
    const a = pool.take(100);
    pool.retain(a);
    pool.retain(a.subarray(10, 20)); // a zero-copy view stored by another tensor
    pool.release(a);
    expect(pool.take(100)).not.toBe(a);
    pool.release(a.subarray(10, 20));
    expect(pool.bytes).toBe(sizeClass(100) * 4);
    expect(pool.take(100).buffer).toBe(a.buffer);
    expect(pool.bytes).toBe(0);
  });

  it.each([
    ['exposed to user code', (pool: BufferPool, a: Float32Array) => pool.expose(a)],
    ['over capacity', (_pool: BufferPool, _a: Float32Array) => {}],
  ])('never recycles an array %s', (name, act) => {
    const pool = new BufferPool(name === 'over capacity' ? 100 : 1 << 20);
    const a = pool.take(100);
    pool.retain(a);
    act(pool, a);
    pool.release(a);
    expect(pool.bytes).toBe(0);
    expect(pool.take(100)).not.toBe(a);
  });

  it('shares a buffer between lengths of one size class, handing out exact-length views', () => {
    const pool = new BufferPool(1 << 20);
    const a = pool.take(1000);
    pool.retain(a);
    pool.release(a);
    const b = pool.take(1020);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(1020);
    const c = pool.take(1100); // another class: a fresh buffer
    expect(c.buffer).not.toBe(a.buffer);
  });

  it('hands out the smallest free buffer of a larger class, up to twice the request', () => {
    const pool = new BufferPool(1 << 24);
    const [big, bigger, huge] = [3000, 5000, 20000].map((n) => pool.take(n));
    for (const a of [big, bigger, huge]) {
      pool.retain(a);
      pool.release(a);
    }
    expect(pool.take(2000).buffer).toBe(big!.buffer); // 3072 ≤ 2 × 2048
    expect(pool.take(2000).buffer).not.toBe(bigger!.buffer); // 5120 > 2 × 2048: fresh
    expect(pool.take(4000).buffer).toBe(bigger!.buffer);
    expect(pool.bytes).toBe(sizeClass(20000) * 4);
  });

  it.each([
    [1, 16],
    [16, 16],
    [17, 18],
    [100, 104],
    [1000, 1024],
    [1024, 1024],
    [1025, 1152],
    [65536 * 224, 65536 * 224],
    [65536 * 225, 65536 * 240],
  ])('sizeClass(%i) = %i', (length, expected) => {
    expect(sizeClass(length)).toBe(expected);
  });

  it('ignores arrays it did not allocate, and recycles nothing when disabled', () => {
    const pool = new BufferPool(1 << 20);
    const foreign = new Float32Array(10);
    pool.retain(foreign);
    pool.release(foreign);
    expect(pool.bytes).toBe(0);
    const disabled = new BufferPool(0);
    const b = disabled.take(10);
    disabled.retain(b);
    disabled.release(b);
    expect(disabled.bytes).toBe(0);
  });
});

describeNative('recycling on the onednn backend', () => {
  it('values read with dataSync() survive their tensor’s disposal and later kernels', async () => {
    await tf.setBackend('onednn');
    const x = tf.tensor(randomArray(4096, 1), [4096]);
    const y = tf.relu(x);
    const kept = y.dataSync();
    const copy = Float32Array.from(kept);
    y.dispose();
    for (let i = 0; i < 5; i++) tf.tidy(() => tf.neg(tf.relu(tf.neg(x))).dataSync());
    expect(kept).toEqual(copy);
    x.dispose();
  });

  it('reuses memory across steps and keeps the tensor count flat', async () => {
    await tf.setBackend('onednn');
    const x = tf.tensor(randomArray(1 << 16, 2), [16, 64, 64]);
    const step = () => tf.tidy(() => tf.sum(tf.mul(tf.relu(x), tf.add(x, 1))));
    step().dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) step().dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
