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
 * The original project's five-task layout, to map the heads of its checkpoint
 * (`final_multi_3d_clf4.pth`): `fracture`, `gt_displacement`, `shaft_translation`,
 * `varus`, `articular`, in the original head order.
 *
 * Dislocation is a class of `fracture` (any value with a dislocation marker, e.g.
 * "2-part dislocation", is `dislocation`). Class order is the order scikit-learn's
 * `LabelEncoder` gives the class names (sorted by code point, see
 * {@link sortLikeLabelEncoder}): fracture `1-part, 2-part, dislocation, multipart`;
 * binary `no, yes`; shaft `complete, none, substantial`; articular
 * `headsplit, none-rim, subcritical`. This assumes the training CSV spelled the
 * classes as their names (the original encoder was fitted on whatever spellings
 * the CSV held; a lab whose CSV differed can reorder `classes` in a copy). Because
 * the order is alphabetical, no task is marked ordinal.
 *
 * @example
 * ORIGINAL_LABEL_SPEC.tasks[0].classes; // ['1-part', '2-part', 'dislocation', 'multipart']
 */
export const ORIGINAL_LABEL_SPEC: LabelSpec = {
  format: 'ct-fracture-label-spec',
  formatVersion: 1,
  name: 'ct-fracture-original-5',
  version: '1',
  description:
    'The original five-task layout: dislocation folded into the fracture classes, LabelEncoder class order.',
  patientIdColumn: 'patient_id',
  missingValues: [...DEFAULT_MISSING_VALUES],
  tasks: [
    {
      name: 'fracture',
      description: 'fracture_classification: part count, or dislocation.',
      column: 'fracture_classification',
      optional: false,
      kind: 'multiclass',
      ordinal: false,
      classes: ['1-part', '2-part', 'dislocation', 'multipart'],
      aliases: {
        ...PARTS_ALIASES,
        dislocation: ['fracture dislocation', 'dislocated', 'luxation'],
      },
      ignore: PARTS_IGNORE,
      markers: [markerRule({ words: DISLOCATION_MARKERS, class: 'dislocation' })],
    },
    yesNoTask('gt_displacement', 'gt_displacement_greater_equal_to_1cm', {
      yes: ['>=1 cm', '>=10 mm', '>1 cm', '>10 mm'],
      no: ['<1 cm', '<10 mm'],
    }),
    {
      name: 'shaft_translation',
      column: 'shaft_translation',
      optional: false,
      kind: 'multiclass',
      ordinal: false,
      classes: ['complete', 'none', 'substantial'],
      aliases: SHAFT_ALIASES,
      ignore: [],
      markers: [],
    },
    yesNoTask('varus', 'varus_malalignment', { yes: ['varus'], no: ['no varus'] }),
    {
      name: 'articular',
      column: 'art_involvement',
      optional: false,
      kind: 'multiclass',
      ordinal: false,
      classes: ['headsplit', 'none-rim', 'subcritical'],
      aliases: ARTICULAR_ALIASES,
      ignore: [],
      markers: [],
    },
  ],
};
