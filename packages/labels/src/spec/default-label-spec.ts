import {
  ARTICULAR_ALIASES,
  DISLOCATION_MARKERS,
  markerRule,
  PARTS_ALIASES,
  PARTS_IGNORE,
  SHAFT_ALIASES,
  yesNoTask,
} from './alias-families';
import type { LabelSpec } from './label-spec';
import { DEFAULT_MISSING_VALUES } from './label-spec-schema';

/**
 * The default label specification (DESIGN.md): six tasks, in head order
 * `fracture_parts`, `dislocation`, `gt_displacement`, `shaft_translation`, `varus`,
 * `articular`, read from the original project's CSV columns.
 *
 * - `fracture_parts` (1-part, 2-part, multipart) from `fracture_classification`;
 *   dislocation words are ignored, and a value that is only a dislocation
 *   ("dislocation", "fracture-dislocation") leaves the part count missing.
 * - `dislocation` (no, yes) from a `dislocation` column when the CSV has one,
 *   otherwise derived: "yes" when `fracture_classification` contains
 *   "dislocation"/"dislocated"/"luxation" (not after "no"/"not"/"without"),
 *   else "no". When both are present and disagree, that is an error.
 * - `shaft_translation` (none, substantial, complete) and `articular`
 *   (none-rim, subcritical, headsplit) are ordinal.
 *
 * @example
 * DEFAULT_LABEL_SPEC.tasks.map((task) => task.name);
 * // ['fracture_parts', 'dislocation', 'gt_displacement', 'shaft_translation', 'varus', 'articular']
 */
export const DEFAULT_LABEL_SPEC: LabelSpec = {
  format: 'ct-fracture-label-spec',
  formatVersion: 1,
  name: 'ct-fracture-default',
  version: '1',
  description: 'Six proximal humerus fracture characteristics (DESIGN.md).',
  patientIdColumn: 'patient_id',
  missingValues: [...DEFAULT_MISSING_VALUES],
  tasks: [
    {
      name: 'fracture_parts',
      description: 'Neer part count: 1-part, 2-part, or 3-/4-part (multipart).',
      column: 'fracture_classification',
      optional: false,
      kind: 'multiclass',
      ordinal: false,
      classes: ['1-part', '2-part', 'multipart'],
      aliases: PARTS_ALIASES,
      ignore: PARTS_IGNORE,
      markers: [],
    },
    yesNoTask('dislocation', 'dislocation', {
      description: 'Glenohumeral dislocation.',
      optional: true,
      yes: ['dislocated', 'dislocation', 'luxation'],
      no: ['not dislocated', 'no dislocation', 'located'],
      markers: [
        markerRule({
          column: 'fracture_classification',
          words: DISLOCATION_MARKERS,
          class: 'yes',
          otherwise: 'no',
        }),
      ],
    }),
    yesNoTask('gt_displacement', 'gt_displacement_greater_equal_to_1cm', {
      description: 'Greater tuberosity displacement ≥ 1 cm.',
      yes: ['>=1 cm', '>=10 mm', '>1 cm', '>10 mm'],
      no: ['<1 cm', '<10 mm'],
    }),
    {
      name: 'shaft_translation',
      description:
        'Head–shaft translation: overlap ≥ 25 % none, 5–25 % substantial, ≤ 5 % complete.',
      column: 'shaft_translation',
      optional: false,
      kind: 'multiclass',
      ordinal: true,
      classes: ['none', 'substantial', 'complete'],
      aliases: SHAFT_ALIASES,
      ignore: [],
      markers: [],
    },
    yesNoTask('varus', 'varus_malalignment', {
      description: 'Varus malalignment (head–shaft angle ≤ 100°).',
      yes: ['varus'],
      no: ['no varus'],
    }),
    {
      name: 'articular',
      description: 'Articular involvement: none or rim, subcritical, head split.',
      column: 'art_involvement',
      optional: false,
      kind: 'multiclass',
      ordinal: true,
      classes: ['none-rim', 'subcritical', 'headsplit'],
      aliases: ARTICULAR_ALIASES,
      ignore: [],
      markers: [],
    },
  ],
};
