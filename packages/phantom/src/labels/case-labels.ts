/** Neer-style part count, the classes of the `fracture_parts` task. */
export const FRACTURE_PARTS = ['1-part', '2-part', 'multipart'] as const;
/** Head-fragment/shaft cross-section overlap: ≥ 25 % none, 5–25 % substantial, ≤ 5 % complete. */
export const SHAFT_TRANSLATIONS = ['none', 'substantial', 'complete'] as const;
/** Articular involvement classes of the `articular` task. */
export const ARTICULAR_INVOLVEMENTS = ['none-rim', 'subcritical', 'headsplit'] as const;

/** One of {@link FRACTURE_PARTS}. */
export type FractureParts = (typeof FRACTURE_PARTS)[number];
/** One of {@link SHAFT_TRANSLATIONS}. */
export type ShaftTranslation = (typeof SHAFT_TRANSLATIONS)[number];
/** One of {@link ARTICULAR_INVOLVEMENTS}. */
export type ArticularInvolvement = (typeof ARTICULAR_INVOLVEMENTS)[number];

/**
 * The six characteristics of one phantom, in the default label
 * specification's task order (docs/contracts.md).
 */
export interface CaseLabels {
  fractureParts: FractureParts;
  /** The head (fragment) is out of the glenoid fossa. */
  dislocation: boolean;
  /** The greater-tuberosity fragment is displaced by ≥ 10 mm. */
  gtDisplacement: boolean;
  shaftTranslation: ShaftTranslation;
  /** Head–shaft angle ≤ 100°. */
  varus: boolean;
  articular: ArticularInvolvement;
}

/**
 * The labels plus the structural choices they leave open: whether the greater
 * tuberosity is a separate fragment and whether a 1-part case carries an
 * undisplaced (hairline) surgical-neck crack.
 */
export interface CaseDesign {
  labels: CaseLabels;
  greaterTuberosityFragment: boolean;
  undisplacedCrack: boolean;
}
