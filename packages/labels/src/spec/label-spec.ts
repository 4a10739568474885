import type { TaskDefinition, TaskKind } from '@ct-fracture/core';

/**
 * A marker rule: when a cell of `column` contains one of `words` (whole words,
 * compared after {@link normaliseLabelValue}), the task's class is `class`.
 *
 * - On the task's own column (`column` absent or equal to it) the marker wins over
 *   the value's other words: the original five-task layout reads "2-part
 *   dislocation" as the class `dislocation`.
 * - On another column it is a derivation: the default `dislocation` task is "yes"
 *   when `fracture_classification` contains "dislocation". It is used when the
 *   task's own column is absent from the CSV or its cell is missing; when both
 *   give a class and they differ, that is a `conflicting-labels` error.
 * - A marker preceded by one of `negations` ("no dislocation") is a negative
 *   mention: it gives `otherwise` (when set), never `class`.
 * - `otherwise`: the class when the cell is present but has no marker — used only
 *   when the task's own column is absent from the CSV (a blank `dislocation` cell
 *   stays missing).
 */
export interface MarkerRule {
  /** The column searched; defaults to the task's own column. */
  readonly column?: string | undefined;
  /** Marker words or phrases (at least one). */
  readonly words: readonly string[];
  /** The class a marker gives (one of the task's classes). */
  readonly class: string;
  /** The class when the cell has no marker (or a negated one); see above. */
  readonly otherwise?: string | undefined;
  /** Words that, right before a marker, negate it. Default: no, not, without, non. */
  readonly negations: readonly string[];
}

/**
 * One task: a model head (`@ct-fracture/core`'s `TaskDefinition`: name, kind — binary tasks have
 * the positive class second — and classes), its CSV source and how cell values map to classes.
 */
export interface LabelTaskSpec extends TaskDefinition {
  /** The task's name (letters, digits, `_`; starts with a letter), e.g. `fracture_parts`. */
  readonly name: string;
  /** Optional human description. */
  readonly description?: string | undefined;
  /** The CSV column holding the task's value (matched case-insensitively; spaces = `_`). */
  readonly column: string;
  /**
   * When true the column may be absent from the CSV (the task is then derived by
   * a marker rule on another column, or missing). Default false: a required column.
   */
  readonly optional: boolean;
  readonly kind: TaskKind;
  /**
   * True when the classes are ordered (quadratic-weighted kappa applies); only for
   * `multiclass`. Default false.
   */
  readonly ordinal: boolean;
  /** Class names in head order (index = encoded label). Binary: [negative, positive]. */
  readonly classes: readonly string[];
  /**
   * Extra spellings per class name: `{ "2-part": ["two part", "2 parts"] }`. Each
   * class name is also its own spelling. Numeric codes ("0", "1") are accepted
   * only when listed here.
   */
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  /**
   * Words or phrases removed from a value when it is not itself a known spelling
   * ("2-part fracture dislocation" → "2-part" for `fracture_parts`); when nothing
   * is left the label is missing ("fracture-dislocation" has no part count).
   */
  readonly ignore: readonly string[];
  /** Marker rules, in order (see {@link MarkerRule}). */
  readonly markers: readonly MarkerRule[];
}

/**
 * A label specification: which CSV columns hold which tasks and how cell values
 * map to class indices. It is data — JSON a lab can edit and load with
 * `loadLabelSpec` — and travels with a checkpoint.
 */
export interface LabelSpec {
  /** Always `'ct-fracture-label-spec'`. */
  readonly format: 'ct-fracture-label-spec';
  /** The file format version (1). */
  readonly formatVersion: 1;
  /** The specification's name, e.g. `ct-fracture-default`. */
  readonly name: string;
  /** The lab's own revision label for this specification (default `"1"`). */
  readonly version: string;
  readonly description?: string | undefined;
  /** The column holding the patient id (default `patient_id`). */
  readonly patientIdColumn: string;
  /**
   * Cell values that mean "label missing" (compared after normalisation, so case
   * does not matter; an empty cell and a lone dash are always missing).
   */
  readonly missingValues: readonly string[];
  /** The tasks, in head order. */
  readonly tasks: readonly LabelTaskSpec[];
}
