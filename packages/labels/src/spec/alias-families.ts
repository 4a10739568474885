import type { LabelTaskSpec, MarkerRule } from './label-spec';
import { DEFAULT_NEGATIONS } from './label-spec-schema';

/** Spellings of "no" for a binary task (the negative class). */
export const NO_ALIASES: readonly string[] = [
  'n',
  'false',
  'f',
  '0',
  'negative',
  'neg',
  'absent',
  'not present',
];

/** Spellings of "yes" for a binary task (the positive class). */
export const YES_ALIASES: readonly string[] = ['y', 'true', 't', '1', 'positive', 'pos', 'present'];

/** Spellings of the fracture part counts (Neer): 1-part, 2-part, 3-/4-part = multipart. */
export const PARTS_ALIASES: Readonly<Record<'1-part' | '2-part' | 'multipart', readonly string[]>> =
  {
    '1-part': [
      'one part',
      '1 parts',
      'one parts',
      'undisplaced',
      'non displaced',
      'nondisplaced',
      'minimally displaced',
    ],
    '2-part': ['two part', '2 parts', 'two parts'],
    multipart: [
      'multi part',
      'multiple part',
      'multiple parts',
      'multi parts',
      'multifragmentary',
      '3 part',
      '3 parts',
      'three part',
      'three parts',
      '4 part',
      '4 parts',
      'four part',
      'four parts',
      '3 or 4 part',
      '3/4 part',
      '3/4',
      '>2 part',
      '>=3 part',
    ],
  };

/** Words removed from a `fracture_classification` value before reading its part count. */
export const PARTS_IGNORE: readonly string[] = [
  'no dislocation',
  'not dislocated',
  'without dislocation',
  'dislocation',
  'dislocated',
  'luxation',
  'fracture',
  'neer',
  'anterior',
  'posterior',
  'inferior',
  'glenohumeral',
  'shoulder',
  'with',
  'and',
  '+',
  '&',
];

/** Marker words of a glenohumeral dislocation in `fracture_classification`. */
export const DISLOCATION_MARKERS: readonly string[] = ['dislocation', 'dislocated', 'luxation'];

/** Shaft translation (head–shaft overlap ≥ 25 % = none, 5–25 % = substantial, ≤ 5 % = complete). */
export const SHAFT_ALIASES: Readonly<
  Record<'none' | 'substantial' | 'complete', readonly string[]>
> = {
  none: ['>=25% overlap', '>=25%', '>25%', '>25% overlap', 'no', 'no translation', 'nil'],
  substantial: [
    '5-25%',
    '25-5%',
    '5-25% overlap',
    '25-5% overlap',
    '5 to 25%',
    'substantial translation',
  ],
  complete: ['<=5%', '<5%', '<=5% overlap', '<5% overlap', 'complete translation', 'no overlap'],
};

/** Articular involvement: none or rim, subcritical, head split. */
export const ARTICULAR_ALIASES: Readonly<
  Record<'none-rim' | 'subcritical' | 'headsplit', readonly string[]>
> = {
  'none-rim': ['none or rim', 'none/rim', 'none', 'rim', 'rim only', 'no', 'nil'],
  subcritical: ['sub critical'],
  headsplit: ['head split', 'split head', 'head splitting'],
};

/** A complete binary task with [no, yes] classes and the yes/no alias families. */
export function yesNoTask(
  name: string,
  column: string,
  extra: {
    description?: string;
    optional?: boolean;
    no?: readonly string[];
    yes?: readonly string[];
    markers?: readonly MarkerRule[];
  } = {},
): LabelTaskSpec {
  return {
    name,
    description: extra.description,
    column,
    optional: extra.optional ?? false,
    kind: 'binary',
    ordinal: false,
    classes: ['no', 'yes'],
    aliases: {
      no: [...NO_ALIASES, ...(extra.no ?? [])],
      yes: [...YES_ALIASES, ...(extra.yes ?? [])],
    },
    ignore: [],
    markers: extra.markers ?? [],
  };
}

/** A complete marker rule with the default negations. */
export function markerRule(rule: Omit<MarkerRule, 'negations'>): MarkerRule {
  return { ...rule, negations: [...DEFAULT_NEGATIONS] };
}
