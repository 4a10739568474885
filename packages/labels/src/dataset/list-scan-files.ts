import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabelError } from '../errors/label-error';

/** Scan file endings listed by default: NIfTI-1/2, plain or gzipped. */
export const DEFAULT_SCAN_EXTENSIONS: readonly string[] = ['.nii', '.nii.gz'];

/**
 * The scans directly in `folder`, as paths sorted by name: the files whose names end with one of
 * `extensions` (case-insensitive), and the sub-folders (a DICOM series each, named like a scan
 * file: `P001-left/` or `P001-left.nii/`) whose names do not start with a dot.
 *
 * @throws LabelError `io` when the folder cannot be read.
 * @example
 * listScanFiles('data/new_datasets/one_side_train'); // ['…/P001.nii', …]
 */
export function listScanFiles(
  folder: string,
  extensions: readonly string[] = DEFAULT_SCAN_EXTENSIONS,
): string[] {
  let entries: {
    name: string;
    isFile: () => boolean;
    isSymbolicLink: () => boolean;
    isDirectory: () => boolean;
  }[];
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
  const files = entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .filter((name) => endings.some((ending) => name.toLowerCase().endsWith(ending)));
  const seriesFolders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  return [...files, ...seriesFolders].sort().map((name) => join(folder, name));
}
