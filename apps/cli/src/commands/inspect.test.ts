import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

let dir: string;
let scan: string;
let plain: Uint8Array;
const plainBytes = () => plain.slice();
// 4 × 3 × 2 int16 CT stored with intercept −1024, LPS.
const AFFINE = [
  [-0.7, 0, 0, 100],
  [0, -0.7, 0, 50],
  [0, 0, 1.5, -300],
  [0, 0, 0, 1],
];
const VALUES = Array.from({ length: 24 }, (_, index) => index * 100 - 1024);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ct-fracture-inspect-'));
  scan = join(dir, 'scan.nii.gz');
  await writeNifti(
    scan,
    {
      data: Float32Array.from(VALUES),
      shape: [4, 3, 2],
      spacingMm: [0.7, 0.7, 1.5],
      affine: AFFINE,
    },
    { datatype: 'int16', intercept: -1024 },
  );
  await writeNifti(join(dir, 'plain.nii'), {
    data: Float32Array.from(VALUES),
    shape: [4, 3, 2],
    spacingMm: [0.7, 0.7, 1.5],
    affine: AFFINE,
  });
  plain = new Uint8Array(await readFile(join(dir, 'plain.nii')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ct-fracture inspect', () => {
  it('--json prints exactly one document with the DESIGN.md schema', async () => {
    const { code, out, err } = await run('inspect', scan, '--json');
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(out);
    expect(Object.keys(summary)).toEqual([
      'path',
      'format',
      'compressed',
      'shape',
      'datatype',
      'spacing',
      'affine',
      'orientation',
      'scaling',
      'stats',
    ]);
    expect(summary).toMatchObject({
      path: scan,
      format: 'nifti1',
      compressed: true,
      shape: [4, 3, 2],
      datatype: 'int16',
      orientation: 'LPS',
      scaling: { slope: 1, intercept: -1024 },
      stats: { min: -1024, max: 1276, mean: VALUES.reduce((a, b) => a + b) / VALUES.length },
    });
    summary.spacing.forEach((zoom: number, axis: number) => {
      expect(zoom).toBeCloseTo([0.7, 0.7, 1.5][axis]!, 6);
    });
    summary.affine.forEach((row: number[], r: number) => {
      row.forEach((value, c) => {
        expect(value).toBeCloseTo(AFFINE[r]![c]!, 5);
      });
    });
  });

  it('prints a human-readable summary by default', async () => {
    const { code, out } = await run('inspect', scan);
    expect(code).toBe(0);
    expect(out).toMatch(/^file\s+.*scan\.nii\.gz \(NIfTI-1, gzip\)$/m);
    expect(out).toMatch(/^shape\s+4 × 3 × 2$/m);
    expect(out).toMatch(/^orientation\s+LPS$/m);
    expect(out).toMatch(/^scaling\s+slope 1, intercept -1024$/m);
    expect(out).toMatch(/^stats\s+min -1024, max 1276, mean 126$/m);
  });

  it.each([
    ['a truncated header', 'cut.nii', () => plainBytes().slice(0, 200), 'header must be 348 bytes'],
    ['truncated data', 'short.nii', () => plainBytes().slice(0, 360), 'truncated'],
    [
      'a text file',
      'notes.nii',
      () => new TextEncoder().encode('x'.repeat(400)),
      'sizeof_hdr must be',
    ],
    [
      'corrupt gzip',
      'bad.nii.gz',
      () => new Uint8Array([0x1f, 0x8b, 8, 0, 9, 9, 9, 9, 9, 9]),
      'gzip',
    ],
  ])(
    '%s → one line naming the file and the problem, exit 1',
    async (_name, file, bytes, problem) => {
      const path = join(dir, file);
      await writeFile(path, bytes());
      const { code, out, err } = await run('inspect', path, '--json');
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).toContain(path);
      expect(err).toContain(problem);
      expect(err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    },
  );

  it('a missing file → exit 1 naming it', async () => {
    const path = join(dir, 'missing.nii');
    const { code, err } = await run('inspect', path);
    expect(code).toBe(1);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toContain(path);
  });

  it('no file argument → usage error, exit 2', async () => {
    const { code } = await run('inspect');
    expect(code).toBe(2);
  });
});
