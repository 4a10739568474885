import type { CaseDesign, CaseLabels } from '../labels/case-labels';
import type { Vec3 } from '../math/vec3';
import type { MeasuredCharacteristics } from '../measure/measure-case';
import type { AxisCodes } from '../raster/image-grid';
import type { TissueHu } from '../raster/tissue';
import type { CaseGeometry } from './case-geometry';
import type { CaseRegions } from './case-regions';
import type { CaseSpec } from './case-spec';
import type { RenderedCase } from './render-case';

/** Labels as the default specification names tasks and classes. */
export type TaskLabels = {
  fracture_parts: CaseLabels['fractureParts'];
  dislocation: 'no' | 'yes';
  gt_displacement: 'no' | 'yes';
  shaft_translation: CaseLabels['shaftTranslation'];
  varus: 'no' | 'yes';
  articular: CaseLabels['articular'];
};

/** One phantom in `manifest.json`: labels, what was measured, how it was made, where things are. */
export interface CaseRecord {
  id: string;
  patientId: string;
  split: 'train' | 'test';
  file: string;
  seed: number;
  labels: TaskLabels;
  /** The CSV cells as written. */
  csv: Record<string, string>;
  /** Characteristics measured back from the geometry (mm, degrees, fractions). */
  measured: MeasuredCharacteristics & {
    overlapPercent: number;
    articularInvolvementPercent: number;
  };
  parameters: {
    side: CaseGeometry['side'];
    poseRotationDeg: number;
    attempt: number;
    greaterTuberosityFragment: boolean;
    undisplacedCrack: boolean;
    anatomy: {
      headRadiusMm: number;
      headRadiiMm: Vec3;
      neckShaftAngleDeg: number;
      retroversionDeg: number;
      articularCapDepthMm: number;
      shaftRadiiMm: [number, number];
      shaftCortexMm: number;
      headCortexMm: number;
      jointSpaceMm: number;
    };
    fracture: {
      neckGapMm: number | null;
      greaterTuberosityGapMm: number | null;
      articular: { kind: 'split' | 'rim'; gapMm: number; capFraction: number } | null;
      headShaftAngleDeg: number;
      translationMm: number;
      overlapPercent: number;
      gtDisplacementMm: number;
      dislocationMm: number;
    };
    tissueHu: TissueHu;
  };
  image: {
    shape: [number, number, number];
    spacingMm: [number, number, number];
    affine: number[][];
    orientation: AxisCodes;
  };
  regions: CaseRegions;
}

/** Rounds every number in a JSON-like value to `digits` decimals (manifests stay readable). */
export function roundDeep<T>(value: T, digits = 4): T {
  const factor = 10 ** digits;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'number') return Math.round(v * factor) / factor;
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, visit(inner)]));
    }
    return v;
  };
  return visit(value) as T;
}

function taskLabels(design: CaseDesign): TaskLabels {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const { labels } = design;
  return {
    fracture_parts: labels.fractureParts,
    dislocation: yesNo(labels.dislocation),
    gt_displacement: yesNo(labels.gtDisplacement),
    shaft_translation: labels.shaftTranslation,
    varus: yesNo(labels.varus),
    articular: labels.articular,
  };
}

/**
 * The manifest entry of a generated case.
 * @example
 * const record = caseRecord(spec, cells, geometry, rendered);
 */
export function caseRecord(
  spec: CaseSpec,
  csv: Record<string, string>,
  geometry: CaseGeometry,
  rendered: RenderedCase,
): CaseRecord {
  const { anatomy, plan } = geometry.scene;
  const { measured } = geometry;
  const overlapPercent = 100 * measured.overlapFraction;
  return roundDeep({
    id: spec.patientId.toLowerCase(),
    patientId: spec.patientId,
    split: spec.split,
    file: spec.file,
    seed: spec.seed,
    labels: taskLabels(spec.design),
    csv,
    measured: {
      ...measured,
      overlapPercent,
      articularInvolvementPercent: 100 * measured.articularInvolvement,
    },
    parameters: {
      side: geometry.side,
      poseRotationDeg: geometry.poseRotationDeg,
      attempt: geometry.attempt,
      greaterTuberosityFragment: spec.design.greaterTuberosityFragment,
      undisplacedCrack: spec.design.undisplacedCrack,
      anatomy: {
        headRadiusMm: anatomy.head.radiusMm,
        headRadiiMm: anatomy.head.radiiMm,
        neckShaftAngleDeg: anatomy.neckShaftAngleDeg,
        retroversionDeg: anatomy.retroversionDeg,
        articularCapDepthMm: anatomy.head.capDepthMm,
        shaftRadiiMm: anatomy.shaft.radiiMm,
        shaftCortexMm: anatomy.shaft.cortexMm,
        headCortexMm: anatomy.head.cortexMm,
        jointSpaceMm: anatomy.glenoid.jointSpaceMm,
      },
      fracture: {
        neckGapMm: plan.neck?.gapMm ?? null,
        greaterTuberosityGapMm: plan.greaterTuberosity.separate
          ? plan.greaterTuberosity.gapMm
          : null,
        articular:
          plan.articular === null
            ? null
            : {
                kind: plan.articular.kind,
                gapMm: plan.articular.gapMm,
                capFraction: plan.targets.articularFraction,
              },
        headShaftAngleDeg: measured.headShaftAngleDeg,
        translationMm: plan.targets.translationMm,
        overlapPercent,
        gtDisplacementMm: measured.gtDisplacementMm,
        dislocationMm: plan.targets.dislocationMm,
      },
      tissueHu: rendered.tissue,
    },
    image: {
      shape: rendered.grid.shape,
      spacingMm: rendered.grid.spacingMm,
      affine: rendered.grid.affine,
      orientation: rendered.grid.orientation,
    },
    regions: rendered.regions,
  });
}
