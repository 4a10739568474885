import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabelError } from '../errors/label-error';

/** Scan file endings listed by default: NIfTI-1/2, plain or gzipped. */
export const DEFAULT_SCAN_EXTENSIONS: readonly string[] = ['.nii', '.nii.gz'];

/**
 * The scan files directly in `folder` (not in subfolders) whose names end with
 * one of `extensions` (case-insensitive), as paths, sorted by name.
 *
 * @throws LabelError `io` when the folder cannot be read.
 * @example
 * listScanFiles('data/new_datasets/one_side_train'); // ['…/P001.nii', …]
 */
export function listScanFiles(
  folder: string,
  extensions: readonly string[] = DEFAULT_SCAN_EXTENSIONS,
): string[] {
  let entries: { name: string; isFile: () => boolean; isSymbolicLink: () => boolean }[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw new LabelError({
      code: 'io',
      file: folder,
      message: `the scan folder must be a readable folder, got ${(error as Error).message}`,
      cause: error,
    });
  }
  const endings = extensions.map((extension) => extension.toLowerCase());
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .filter((name) => endings.some((ending) => name.toLowerCase().endsWith(ending)))
    .sort()
    .map((name) => join(folder, name));
}
