import { LabelError } from '../errors/label-error';
import { patientIdFromFileName } from './patient-id';

/**
 * Maps a scan file (name or path) to the matching key of its CSV row (a
 * lower-cased patient id), or `undefined` when the file name does not match.
 */
export type ScanMatcher = (fileName: string) => string | undefined;

const baseName = (fileName: string): string => fileName.split(/[\\/]/).pop() ?? fileName;

/**
 * A scan matcher: by default the original project's rule
 * ({@link patientIdFromFileName}); with `pattern`, a regular expression with a
 * named group `id` applied to the file's base name (the group, lower-cased, is
 * the key; no match → the scan matches no row).
 *
 * @param pattern - e.g. `'^sub-(?<id>[A-Za-z0-9]+)_ct'` (JavaScript syntax).
 * @throws LabelError `invalid-pattern` when the pattern does not compile or has no `id` group.
 * @example
 * scanMatcher('^sub-(?<id>\\w+)_')('sub-P001_ct.nii.gz'); // 'p001'
 * scanMatcher()('P001-left.nii'); // 'p001'
 */
export function scanMatcher(pattern?: string | RegExp): ScanMatcher {
  if (pattern === undefined) return patientIdFromFileName;
  let regex: RegExp;
  try {
    regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  } catch (error) {
    throw new LabelError({
      code: 'invalid-pattern',
      value: String(pattern),
      message: `the scan pattern must be a valid regular expression, got "${String(pattern)}": ${
        (error as Error).message
      }`,
      cause: error,
    });
  }
  if (!/\(\?<id>/.test(regex.source)) {
    throw new LabelError({
      code: 'invalid-pattern',
      value: regex.source,
      message: `the scan pattern must have a named group (?<id>…) that captures the patient id, got "${regex.source}"`,
    });
  }
  const matcher = new RegExp(regex.source, regex.flags.replace('g', '').replace('y', ''));
  return (fileName) => {
    const id = matcher.exec(baseName(fileName))?.groups?.id;
    return id === undefined || id === '' ? undefined : id.toLowerCase();
  };
}
