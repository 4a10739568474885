export { affineToAxcodes, ioOrientation } from './affine/orientation';
export { voxelToWorld } from './affine/voxel-to-world';
export { NiftiError } from './errors/nifti-error';
export { isGzip } from './gzip';

export { decodeNifti } from './io/decode-nifti';

export { encodeNifti } from './io/encode-nifti';

export { cropOrPad } from './preprocess/crop-or-pad';
export { createSlicePreprocessor, type SlicePreprocessor } from './preprocess/preprocess-slices';
export { type PreprocessOptions, preprocessVolume } from './preprocess/preprocess-volume';
export { reorientToRas } from './preprocess/reorient';
export { resampleOntoGrid } from './preprocess/resample-onto-grid';
export { resampleToSpacing } from './preprocess/resample-spacing';
export { resizeVolume } from './preprocess/resize-volume';
export { sampleTrilinear } from './preprocess/sample-trilinear';
export { windowIntensity } from './preprocess/window';
export type { Mat4, Vec3, Volume } from './volume';
