import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isGzip } from './gzip';

describe('isGzip', () => {
  it.each([
    ['gzip stream', new Uint8Array(gzipSync(Buffer.from('nifti'))), true],
    ['NIfTI-1 header start (348, little-endian)', new Uint8Array([0x5c, 0x01, 0x00, 0x00]), false],
    ['one byte', new Uint8Array([0x1f]), false],
    ['empty', new Uint8Array(), false],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(isGzip(bytes)).toBe(expected);
  });
});
