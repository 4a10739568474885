/** What a set of files chosen or dropped in the page is. */
export type FileSetKind = 'checkpoint' | 'nifti' | 'dicom' | 'unknown';

const NIFTI_NAME = /\.nii(\.gz)?$/i;

/** The file's name without its folders. */
export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/**
 * Decides what the files are from their names: a checkpoint folder (holds `model.json` and
 * `ct-fracture.json`), one NIfTI file, or a DICOM series (several files, or one file that is
 * not named `.nii`/`.nii.gz` but sits in a folder).
 * @param paths - each file's path inside what was chosen (`webkitRelativePath`, else its name).
 * @example
 * classifyFiles(['ckpt/model.json', 'ckpt/weights.bin', 'ckpt/ct-fracture.json']); // 'checkpoint'
 * classifyFiles(['scan.nii.gz']); // 'nifti'
 * classifyFiles(['series/IM0001', 'series/IM0002']); // 'dicom'
 */
export function classifyFiles(paths: readonly string[]): FileSetKind {
  if (paths.length === 0) return 'unknown';
  const names = new Set(paths.map(baseName));
  if (names.has('model.json') && names.has('ct-fracture.json')) return 'checkpoint';
  if (paths.length === 1 && (NIFTI_NAME.test(paths[0]!) || !paths[0]!.includes('/'))) {
    return 'nifti';
  }
  if (paths.some((path) => NIFTI_NAME.test(path))) {
    return paths.length === 1 ? 'nifti' : 'unknown';
  }
  return 'dicom';
}

/** A scan's name as the CLI names it: the file's base name without `.nii`/`.nii.gz`, or the folder's name. */
export function scanName(paths: readonly string[]): string {
  const first = paths[0] ?? 'scan';
  if (paths.length === 1 && !first.includes('/')) return first.replace(NIFTI_NAME, '');
  if (paths.length === 1 && NIFTI_NAME.test(first)) return baseName(first).replace(NIFTI_NAME, '');
  return first.split('/')[0] || 'scan';
}
