import { describe, expect, it } from 'vitest';
import { DicomError } from './errors/dicom-error';
import { readDicomSeries } from './read-dicom-series';
import { readDicomSeriesSlices } from './read-dicom-series-slices';
import type { DicomInput } from './series/dicom-input';
import { LAS, makeVolume } from './testing/make-volume';
import type { Mat4 } from './volume';
import { ElementWriter } from './write/element-writer';
import { encodeDicomSeries } from './write/encode-series';

const shifted = (affine: Mat4, dz: number): Mat4 =>
  affine.map((row, index) => (index === 2 ? [row[0]!, row[1]!, row[2]!, row[3]! + dz] : [...row]));

function series(
  key: string,
  affine: Mat4 = LAS,
  shape: [number, number, number] = [6, 5, 6],
  prefix = '',
): DicomInput[] {
  return encodeDicomSeries(makeVolume(shape, affine), { uidKey: key, seriesDescription: key }).map(
    (file) => ({ name: `${prefix}${file.name}`, bytes: file.bytes }),
  );
}

/** A Part 10 file of the given SOP class with no pixel data (a DICOMDIR, a structured report). */
function withoutPixels(sopClass: string): Uint8Array {
  const meta = new ElementWriter()
    .add(0x0002, 0x0002, 'UI', sopClass)
    .add(0x0002, 0x0003, 'UI', '1.2.3.4')
    .add(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1')
    .bytes();
  const group = new ElementWriter().add(0x0002, 0x0000, 'UL', meta.length).bytes();
  const body = new ElementWriter()
    .add(0x0008, 0x0016, 'UI', sopClass)
    .add(0x0008, 0x0060, 'CS', 'SR')
    .bytes();
  const bytes = new Uint8Array(132 + group.length + meta.length + body.length);
  bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
  bytes.set(group, 132);
  bytes.set(meta, 132 + group.length);
  bytes.set(body, 132 + group.length + meta.length);
  return bytes;
}

async function failure(inputs: DicomInput[]): Promise<DicomError> {
  try {
    await readDicomSeries(inputs);
  } catch (error) {
    if (DicomError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a DicomError');
}

// 10° about the slice axis: same slice normal, another in-plane orientation.
const ROTATED: Mat4 = [
  [-0.7 * Math.cos(0.17), -0.8 * Math.sin(0.17), 0, 90],
  [-0.7 * Math.sin(0.17), 0.8 * Math.cos(0.17), 0, -20],
  [0, 0, 2.5, 30],
  [0, 0, 0, 1],
];

/** Broken series built from valid ones: what the reader must say, with the numbers. */
const GEOMETRY_CASES: [name: string, inputs: () => DicomInput[], code: string, message: RegExp][] =
  [
    [
      'a missing slice',
      () => series('a').filter((input) => input.name !== 'slice-0003.dcm'),
      'inconsistent-geometry',
      /a slice is missing between slice-0002\.dcm \(32\.5 mm\) and slice-0004\.dcm \(37\.5 mm\) along the slice normal: a gap of 5 mm where the slices are 2\.5 mm apart \(about 1 missing\)/,
    ],
    [
      'a duplicate position',
      () => [...series('a'), { ...series('a')[2]!, name: 'copy.dcm' }],
      'inconsistent-geometry',
      /two slices at one position: copy\.dcm and slice-0003\.dcm both lie at 35 mm/,
    ],
    [
      'uneven spacing',
      () => [...series('a', LAS, [6, 5, 3]), ...series('a', shifted(LAS, 7.6), [6, 5, 3], 'b-')],
      'inconsistent-geometry',
      /slice spacing must be even: slice-0003\.dcm → b-slice-0001\.dcm is 2\.6 mm where the median step is 2\.5 mm \(off by 0\.1 mm/,
    ],
    [
      'mixed orientations',
      () => [
        ...series('a', LAS, [6, 5, 3]),
        ...series('a', shifted(ROTATED, 7.5), [6, 5, 3], 'b-'),
      ],
      'inconsistent-geometry',
      /every slice of a series must have one orientation: slice-0001\.dcm has ImageOrientationPatient \[1, 0, 0, 0, 1, 0\], b-slice-0001\.dcm has \[0\.986, 0\.169/,
    ],
    [
      'mixed sizes',
      () => [...series('a', LAS, [6, 5, 3]), ...series('a', shifted(LAS, 7.5), [6, 4, 3], 'b-')],
      'inconsistent-geometry',
      /every slice of a series must have one size: slice-0001\.dcm is 6 × 5 \(columns × rows\), b-slice-0001\.dcm is 6 × 4/,
    ],
    [
      'two series and none chosen',
      () => [...series('first'), ...series('second', shifted(LAS, 100), [6, 5, 6], 'b-')],
      'several-series',
      /the files given holds 2 series, choose one with --series UID \(option `series`\): 2\.25\.\d+ "(first|second)" \(6 slices\); 2\.25\.\d+ "(first|second)" \(6 slices\)/,
    ],
    [
      'only non-image files',
      () => [{ name: 'notes.txt', bytes: new TextEncoder().encode('not dicom') }],
      'no-images',
      /must hold a DICOM image series; found no image in 1 file\(s\) \(notes\.txt: not a DICOM file/,
    ],
  ];

describe('readDicomSeries refuses what is not one regular volume', () => {
  it.each(GEOMETRY_CASES)('%s', async (_name, inputs, code, message) => {
    const error = await failure(inputs());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('readDicomSeries', () => {
  it('orders slices by position, not by file order or name', async () => {
    const inputs = series('a');
    const shuffled = [inputs[3]!, inputs[0]!, inputs[5]!, inputs[1]!, inputs[4]!, inputs[2]!].map(
      (input, index) => ({
        ...input,
        name: `z-${5 - index}.dcm`,
      }),
    );
    const [ordered, mixed] = await Promise.all([
      readDicomSeries(inputs),
      readDicomSeries(shuffled),
    ]);
    expect(mixed.volume.data).toEqual(ordered.volume.data);
    expect(mixed.volume.affine).toEqual(ordered.volume.affine);
  });

  it('reads the series asked for among several', async () => {
    const inputs = [...series('first'), ...series('second', shifted(LAS, 100), [6, 5, 6], 'b-')];
    const listing = await readDicomSeries(inputs, {
      series: (await readDicomSeries(series('second'))).series.seriesInstanceUid,
    });
    expect(listing.series.description).toBe('second');
    expect(listing.volume.affine[2]![3]).toBeCloseTo(130, 9);
  });

  it('names the series asked for when it is absent', async () => {
    const error = await failure([]).catch((e) => e);
    expect(error.code).toBe('no-images');
    await expect(readDicomSeries(series('first'), { series: '1.2.3' })).rejects.toThrow(
      /series 1\.2\.3 is not in the files given; it holds 1: 2\.25\.\d+ "first" \(6 slices\)/,
    );
  });

  it('skips non-image files (not DICOM, DICOMDIR, a report) and lists them with the reason', async () => {
    const inputs = [
      ...series('a'),
      { name: 'README.txt', bytes: new TextEncoder().encode('hello') },
      { name: '.DS_Store', bytes: new Uint8Array(200) },
      { name: 'DICOMDIR', bytes: withoutPixels('1.2.840.10008.1.3.10') },
      { name: 'report.dcm', bytes: withoutPixels('1.2.840.10008.5.1.4.1.1.88.11') },
    ];
    const read = await readDicomSeries(inputs);
    expect(read.volume.shape).toEqual([6, 5, 6]);
    expect(read.skipped).toEqual([
      { name: 'README.txt', reason: 'not a DICOM file (no DICM marker at byte 128)' },
      { name: '.DS_Store', reason: 'not a DICOM file (no DICM marker at byte 128)' },
      { name: 'DICOMDIR', reason: 'a DICOMDIR' },
      { name: 'report.dcm', reason: 'no pixel data (SOP class 1.2.840.10008.5.1.4.1.1.88.11)' },
    ]);
  });

  it('reads a gantry tilt as a sheared affine, with a warning giving the angle', async () => {
    const tilt = Math.tan((15 * Math.PI) / 180) * 2.5;
    const tilted: Mat4 = [
      [-0.7, 0, 0, 90],
      [0, 0.8, tilt, -20],
      [0, 0, 2.5, 30],
      [0, 0, 0, 1],
    ];
    const read = await readDicomSeries(series('tilt', tilted));
    expect(read.warnings).toEqual([
      expect.stringMatching(
        /^gantry tilt of 15°: the slices are shifted 0\.67 mm in-plane per 2\.5 mm step/,
      ),
    ]);
    expect(read.volume.affine[1]![2]).toBeCloseTo(tilt, 9);
  });

  it('tolerates position jitter within the tolerance and refuses it beyond', async () => {
    const inputs = [
      ...series('a', LAS, [6, 5, 3]),
      ...series('a', shifted(LAS, 7.55), [6, 5, 3], 'b-'),
    ];
    await expect(readDicomSeries(inputs)).rejects.toThrow(/slice spacing must be even/);
    const read = await readDicomSeries(inputs, { sliceSpacingTolerance: 0.05 });
    expect(read.volume.shape).toEqual([6, 5, 6]);
  });
});

describe('readDicomSeriesSlices', () => {
  it('passes every slice in k order, as stored, with its rescale', async () => {
    const inputs = series('slices', LAS, [6, 5, 20]);
    const { volume } = await readDicomSeries(inputs);
    const [ni, nj, nk] = volume.shape;
    const seen: number[] = [];
    const header = await readDicomSeriesSlices(inputs, {}, () => (k, slice) => {
      seen.push(k);
      for (let j = 0; j < nj; j++) {
        for (let i = 0; i < ni; i++) {
          const value = slice.samples[(nj - 1 - j) * ni + i]! * slice.slope + slice.intercept;
          expect(value).toBe(volume.data[(i * nj + j) * nk + k]);
        }
      }
    });
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => k));
    expect(header.affine).toEqual(volume.affine);
  });
});
