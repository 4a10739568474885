export type { Anatomy, Ellipsoid, OrientedEllipsoid } from './anatomy/anatomy';
export type { BoneModel, Bounds } from './anatomy/bone-model';

export type { CaseGeometry, Side } from './case/case-geometry';
export type { CaseRecord, TaskLabels } from './case/case-record';
export type { CaseRegions, PhantomRegion } from './case/case-regions';
export type { CaseSpec } from './case/case-spec';
export { type CaseOptions, type GeneratedCase, generateCase } from './case/generate-case';
export type { RenderedCase, RenderOptions } from './case/render-case';
export type { CsvColumn, SpellingMode } from './dataset/label-spellings';
export { type DatasetPlanOptions, planDataset } from './dataset/plan-dataset';
export {
  type ClassCounts,
  type PhantomDatasetOptions,
  type PhantomDatasetSummary,
  writePhantomDataset,
} from './dataset/write-dataset';
export { PhantomError, type PhantomErrorCode } from './errors/phantom-error';
export type { Cut, FracturePlan, Plane } from './fracture/fracture-plan';

export type {
  ArticularInvolvement,
  CaseDesign,
  CaseLabels,
  FractureParts,
  ShaftTranslation,
} from './labels/case-labels';
export { type ClassFrequencies, DEFAULT_CLASS_FREQUENCIES } from './labels/class-frequencies';

export type { MeasuredCharacteristics } from './measure/measure-case';
export { type AxisCodes, type ImageGrid, SIZE_PRESETS, type SizePreset } from './raster/image-grid';
export type { FragmentName } from './scene/fragments';
export type { PhantomScene } from './scene/phantom-scene';
