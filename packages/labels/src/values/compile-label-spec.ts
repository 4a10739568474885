import type { LabelSpec, LabelTaskSpec } from '../spec/label-spec';
import { normaliseLabelValue, valueWords } from './normalise-label-value';

/** A marker rule ready for matching: columns and words normalised. */
export interface CompiledMarkerRule {
  /** The searched column's header key (see {@link columnKey}). */
  readonly column: string;
  /** The marker phrases as word sequences. */
  readonly phrases: readonly (readonly string[])[];
  readonly classIndex: number;
  /** The `otherwise` class index, -1 when the rule has none. */
  readonly otherwiseIndex: number;
  readonly negations: ReadonlySet<string>;
}

/** A task ready for resolving cell values. */
export interface CompiledTask {
  readonly spec: LabelTaskSpec;
  /** The task's own column's header key. */
  readonly column: string;
  /** Normalised spelling (class name or alias) → class index. */
  readonly spellings: ReadonlyMap<string, number>;
  /** Ignored phrases as word sequences, longest first. */
  readonly ignore: readonly (readonly string[])[];
  /** Marker rules on the task's own column. */
  readonly ownMarkers: readonly CompiledMarkerRule[];
  /** Marker rules on other columns (derivations). */
  readonly derivedMarkers: readonly CompiledMarkerRule[];
}

/** A label specification with its lookup tables built once. */
export interface CompiledLabelSpec {
  readonly spec: LabelSpec;
  readonly patientIdColumn: string;
  /** Normalised missing-value spellings (`''` included). */
  readonly missing: ReadonlySet<string>;
  readonly tasks: readonly CompiledTask[];
}

/**
 * How header cells and spec column names are compared: NFKC, trimmed, lower case,
 * runs of spaces and dashes as one `_`.
 * @example
 * columnKey(' Patient ID '); // 'patient_id'
 */
export function columnKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-–]+/g, '_');
}

function phrases(list: readonly string[]): string[][] {
  return list
    .map((item) => valueWords(normaliseLabelValue(item)))
    .filter((words) => words.length > 0)
    .sort((a, b) => b.length - a.length);
}

function compileTask(task: LabelTaskSpec): CompiledTask {
  const spellings = new Map<string, number>();
  task.classes.forEach((name, index) => {
    spellings.set(normaliseLabelValue(name), index);
  });
  for (const [name, aliases] of Object.entries(task.aliases)) {
    const index = task.classes.indexOf(name);
    if (index < 0) continue;
    for (const alias of aliases) spellings.set(normaliseLabelValue(alias), index);
  }
  const own = columnKey(task.column);
  const ownMarkers: CompiledMarkerRule[] = [];
  const derivedMarkers: CompiledMarkerRule[] = [];
  for (const rule of task.markers) {
    const column = rule.column === undefined ? own : columnKey(rule.column);
    const compiled: CompiledMarkerRule = {
      column,
      phrases: phrases(rule.words),
      classIndex: task.classes.indexOf(rule.class),
      otherwiseIndex: rule.otherwise === undefined ? -1 : task.classes.indexOf(rule.otherwise),
      negations: new Set(rule.negations.map(normaliseLabelValue)),
    };
    (column === own ? ownMarkers : derivedMarkers).push(compiled);
  }
  return {
    spec: task,
    column: own,
    spellings,
    ignore: phrases(task.ignore),
    ownMarkers,
    derivedMarkers,
  };
}

/**
 * Builds the lookup tables of a (validated) label specification.
 * @example
 * const compiled = compileLabelSpec(DEFAULT_LABEL_SPEC);
 * compiled.tasks[0].spellings.get('one part'); // 0
 */
export function compileLabelSpec(spec: LabelSpec): CompiledLabelSpec {
  const missing = new Set(spec.missingValues.map(normaliseLabelValue));
  missing.add('');
  return {
    spec,
    patientIdColumn: columnKey(spec.patientIdColumn),
    missing,
    tasks: spec.tasks.map(compileTask),
  };
}
