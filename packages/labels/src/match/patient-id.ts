/**
 * The patient id a scan file belongs to, by the original project's rule: the
 * file's base name up to its first `.`, then up to its first `-`, lower-cased.
 *
 * @param fileName - a file name or path (`/data/P012-left.nii.gz` → `p012`).
 * @example
 * patientIdFromFileName('new_datasets/one_side_train/Case07-R.nii'); // 'case07'
 */
export function patientIdFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.split('.')[0] ?? base;
  return (stem.split('-')[0] ?? stem).toLowerCase();
}
