export { type AxisOrientation, affineToAxcodes, ioOrientation } from './affine/orientation';
export { voxelToWorld } from './affine/voxel-to-world';
export {
  NiftiError,
  type NiftiErrorCode,
  type NiftiErrorOptions,
} from './errors/nifti-error';
export { isGzip } from './gzip';
export { DATATYPES, type NiftiDatatype } from './header/datatypes';
export type { NiftiHeader, RawNiftiHeader } from './header/nifti-header';
export {
  type DecodeNiftiOptions,
  decodeNifti,
} from './io/decode-nifti';
export type { WritableDatatype } from './io/encode-data';
export { type EncodeNiftiOptions, encodeNifti } from './io/encode-nifti';
export type { NiftiImage } from './io/read-image';
export type { ResizeMode } from './preprocess/axis-weights';
export { type CropOrPadOptions, cropOrPad } from './preprocess/crop-or-pad';
export {
  createSlicePreprocessor,
  type SliceGeometry,
  type SliceLayout,
  type SlicePlane,
  type SlicePreprocessor,
} from './preprocess/preprocess-slices';
export { type PreprocessOptions, preprocessVolume } from './preprocess/preprocess-volume';
export { reorientToRas } from './preprocess/reorient';
export {
  type ResampleOntoGridOptions,
  resampleOntoGrid,
  type TargetGrid,
} from './preprocess/resample-onto-grid';
export { type ResampleOptions, resampleToSpacing } from './preprocess/resample-spacing';
export { type ResizeOptions, resizeVolume } from './preprocess/resize-volume';
export { sampleTrilinear } from './preprocess/sample-trilinear';
export { type WindowOptions, windowIntensity } from './preprocess/window';
export type { Mat4, Vec3, Volume } from './volume';
