export { generateCase } from './case/generate-case';

export { planDataset } from './dataset/plan-dataset';
export {
  type PhantomDatasetOptions,
  type PhantomDatasetSummary,
  writePhantomDataset,
} from './dataset/write-dataset';
export { PhantomError } from './errors/phantom-error';

export { DEFAULT_CLASS_FREQUENCIES } from './labels/class-frequencies';

export { SIZE_PRESETS, type SizePreset } from './raster/image-grid';
