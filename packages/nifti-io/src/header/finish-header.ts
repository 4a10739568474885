import { fallbackAffine, qformAffine, sformAffine } from '../affine/header-affine';
import { isFiniteMatrix } from '../affine/mat4';
import { affineToAxcodes } from '../affine/orientation';
import { NiftiError } from '../errors/nifti-error';
import type { Mat4 } from '../volume';
import { DATATYPES, datatypeFromCode } from './datatypes';
import type { NiftiHeader, RawNiftiHeader } from './nifti-header';

const FLOAT32_EPS = 2 ** -23;

/** A transform code nibabel accepts (0‥5); others are read as 0, as nibabel's header fix does. */
function fixFormCode(code: number): number {
  return Number.isInteger(code) && code >= 0 && code <= 5 ? code : 0;
}

function invalid(field: string, value: unknown, message: string): NiftiError {
  return new NiftiError({ code: 'dims-inconsistent', field, value, message });
}

/** Checks `dim` and returns the shape `dim[1..dim[0]]`. */
function shapeFromDim(dim: readonly number[]): number[] {
  const ndim = dim[0]!;
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw invalid('dim', ndim, `dim[0] must be 1‥7; got ${ndim}`);
  }
  const shape = dim.slice(1, ndim + 1);
  shape.forEach((extent, index) => {
    if (!Number.isSafeInteger(extent) || extent < 1) {
      throw invalid('dim', extent, `dim[${index + 1}] must be a positive integer; got ${extent}`);
    }
  });
  return shape;
}

/**
 * Validates raw header fields and derives what nibabel derives: datatype, shape, zooms,
 * scaling, best affine and axis codes.
 * @throws {NiftiError} `bad-magic`, `dims-inconsistent`, `unsupported-datatype`,
 *   `invalid-header` (vox_offset inside the header, infinite intercept, bad qform).
 */
export function finishHeader(raw: RawNiftiHeader, compressed: boolean): NiftiHeader {
  const expectedMagic = raw.format === 'nifti1' ? 'n+1' : 'n+2';
  if (raw.magic !== expectedMagic) {
    const pair = raw.magic === 'ni1' || raw.magic === 'ni2';
    throw new NiftiError({
      code: 'bad-magic',
      field: 'magic',
      value: raw.magic,
      message:
        `magic must be '${expectedMagic}' (single-file NIfTI); got ${JSON.stringify(raw.magic)}` +
        (pair ? ' (a .hdr/.img pair header, which is not supported)' : ''),
    });
  }
  const datatype = datatypeFromCode(raw.datatypeCode);
  const bytesPerVoxel = DATATYPES[datatype].bytes;
  const shape = shapeFromDim(raw.dim);
  const frameVoxels = (shape[0] ?? 1) * (shape[1] ?? 1) * (shape[2] ?? 1);
  const frames = shape.slice(3).reduce((product, extent) => product * extent, 1);
  const dataBytes = frameVoxels * frames * bytesPerVoxel;
  if (!Number.isSafeInteger(dataBytes)) {
    throw invalid('dim', shape, `dim must describe fewer than 2^53 bytes; got ${shape.join('×')}`);
  }
  const minOffset = raw.headerBytes + 4;
  if (!Number.isFinite(raw.voxOffset) || Math.floor(raw.voxOffset) < minOffset) {
    throw new NiftiError({
      code: 'invalid-header',
      field: 'vox_offset',
      value: raw.voxOffset,
      message: `vox_offset must be ≥ ${minOffset} in a single-file ${raw.format}; got ${raw.voxOffset}`,
    });
  }
  const voxOffset = Math.floor(raw.voxOffset);
  const scaling = scalingOf(raw.sclSlope, raw.sclInter);
  const qfac: 1 | -1 = raw.pixdim[0] === -1 ? -1 : 1;
  const qformCode = fixFormCode(raw.qformCode);
  const sformCode = fixFormCode(raw.sformCode);
  const spacing = raw.pixdim.slice(1, shape.length + 1);
  let affine: Mat4;
  let affineSource: NiftiHeader['affineSource'];
  if (sformCode !== 0) {
    affine = sformAffine(raw.srow);
    affineSource = 'sform';
  } else if (qformCode !== 0) {
    affine = qformAffine({
      quaternBcd: raw.quaternBcd,
      qoffset: raw.qoffset,
      pixdim: raw.pixdim,
      qfac,
      quaternionThreshold: -3 * (raw.format === 'nifti1' ? FLOAT32_EPS : Number.EPSILON),
    });
    affineSource = 'qform';
  } else {
    affine = fallbackAffine(shape, spacing);
    affineSource = 'fallback';
  }
  return {
    ...raw,
    voxOffset,
    qformCode,
    sformCode,
    compressed,
    datatype,
    bytesPerVoxel,
    shape,
    spacing,
    scaling,
    qfac,
    affineSource,
    affine,
    orientation: isFiniteMatrix(affine) ? affineToAxcodes(affine) : '???',
    frameVoxels,
    frames,
    dataBytes,
  };
}

/** nibabel's `get_slope_inter`: no scaling when the slope is 0 or not finite. */
function scalingOf(slope: number, intercept: number): NiftiHeader['scaling'] {
  if (slope === 0 || !Number.isFinite(slope)) return { slope: null, intercept: null };
  if (!Number.isFinite(intercept)) {
    throw new NiftiError({
      code: 'invalid-header',
      field: 'scl_inter',
      value: intercept,
      message: `scl_inter must be finite when scl_slope (${slope}) is valid; got ${intercept}`,
    });
  }
  return { slope, intercept };
}
