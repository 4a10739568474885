import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The committed fixtures (made by fixtures/make_fixtures.py). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** The folder of a fixture series. */
export const seriesFolder = (name: string): string => join(FIXTURES, 'series', name);

/** What nibabel reads from dcm2niix's conversion of a fixture series. */
export interface Expected {
  series: string;
  shape: [number, number, number];
  affine: number[][];
  zooms: [number, number, number];
  axcodes: string;
  data: Float32Array;
}

/** The dcm2niix + nibabel expectation of fixture `name`. */
export function expected(name: string): Expected {
  const meta = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${name}.json`), 'utf8'));
  const raw = gunzipSync(readFileSync(join(FIXTURES, 'expected', `${name}.f32.gz`)));
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return { ...meta, data };
}
