export type { Anatomy, Ellipsoid, OrientedEllipsoid } from './anatomy/anatomy';
export type { BoneModel, Bounds } from './anatomy/bone-model';
export { createHumerusBone } from './anatomy/humerus-bone';
export { sampleAnatomy } from './anatomy/sample-anatomy';
export { createScapulaBone } from './anatomy/scapula-bone';
export { buildCaseGeometry, type CaseGeometry, type Side } from './case/case-geometry';
export type { CaseRecord, TaskLabels } from './case/case-record';
export type { CaseRegions, PhantomRegion } from './case/case-regions';
export type { CaseSpec } from './case/case-spec';
export {
  type CaseOptions,
  type GeneratedCase,
  generateCase,
  writeCase,
} from './case/generate-case';
export { HU_RANGE, type RenderedCase, type RenderOptions, renderCase } from './case/render-case';
export {
  CSV_COLUMNS,
  type CsvColumn,
  labelCells,
  labelCsv,
  type SpellingMode,
} from './dataset/label-spellings';
export { type DatasetPlanOptions, planDataset } from './dataset/plan-dataset';
export {
  type ClassCounts,
  type PhantomDatasetOptions,
  type PhantomDatasetSummary,
  writePhantomDataset,
} from './dataset/write-dataset';
export { PhantomError, type PhantomErrorCode } from './errors/phantom-error';
export type { Cut, FracturePlan, Plane } from './fracture/fracture-plan';
export {
  GT_DISPLACEMENT_TARGETS,
  HEAD_SHAFT_ANGLE_TARGETS,
  planFracture,
} from './fracture/plan-fracture';
export { OVERLAP_TARGETS } from './fracture/shaft-placement';
export {
  ARTICULAR_INVOLVEMENTS,
  type ArticularInvolvement,
  type CaseDesign,
  type CaseLabels,
  FRACTURE_PARTS,
  type FractureParts,
  SHAFT_TRANSLATIONS,
  type ShaftTranslation,
} from './labels/case-labels';
export {
  type ClassFrequencies,
  DEFAULT_CLASS_FREQUENCIES,
  resolveClassFrequencies,
} from './labels/class-frequencies';
export { designCases } from './labels/design-cases';
export {
  classifyMeasurements,
  LABEL_THRESHOLDS,
  type MeasuredCharacteristics,
  measureCase,
} from './measure/measure-case';
export { type AxisCodes, type ImageGrid, SIZE_PRESETS, type SizePreset } from './raster/image-grid';
export { FRAGMENT_LABEL, type FragmentName } from './scene/fragments';
export type { PhantomScene } from './scene/phantom-scene';
