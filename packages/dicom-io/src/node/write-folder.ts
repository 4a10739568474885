import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporarySibling } from '@ct-fracture/core/node';
import { DicomError } from '../errors/dicom-error';
import type { Volume } from '../volume';
import { type EncodeDicomSeriesOptions, encodeDicomSeries } from '../write/encode-series';

/**
 * Writes a volume as a CT series folder ({@link encodeDicomSeries}: one file per slice), all or
 * nothing: the files go to a hidden sibling folder that is then renamed over `folder`.
 * @param folder - the series folder to create (replaced when it exists).
 * @returns the paths of the files written, in slice order.
 * @throws {DicomError} `unsupported-image` as {@link encodeDicomSeries}; `io` when the file
 * system refuses.
 * @example
 * ```ts
 * await writeDicomFolder('data/series-0001', volume, { uidKey: 'phantom-0001' });
 * ```
 */
export async function writeDicomFolder(
  folder: string,
  volume: Volume,
  options: EncodeDicomSeriesOptions,
): Promise<string[]> {
  const files = encodeDicomSeries(volume, options);
  const temporary = temporarySibling(folder);
  try {
    await mkdir(temporary, { recursive: true });
    for (const file of files) await writeFile(join(temporary, file.name), file.bytes);
    await rm(folder, { recursive: true, force: true });
    await rename(temporary, folder);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw new DicomError({
      code: 'io',
      message: `the series folder must be writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      file: folder,
      cause: error,
    });
  }
  return files.map((file) => join(folder, file.name));
}
