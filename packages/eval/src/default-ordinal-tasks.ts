/**
 * The tasks of the default label specification (`@ct-fracture/labels`, DESIGN.md) whose classes
 * are ordered, so quadratic-weighted kappa applies: part count, shaft translation and articular
 * involvement. Used for a predictions file when no specification says otherwise.
 */
export const DEFAULT_ORDINAL_TASKS: readonly string[] = [
  'fracture_parts',
  'shaft_translation',
  'articular',
];
