import type { DicomImageFile, SkippedFile } from '../parse/dicom-image-file';
import { type ParsedImage, parseDicomFile } from '../parse/parse-file';
import { type DicomInput, inputBytes, mapLimited } from './dicom-input';

/** The image files among the inputs (with their parsed data sets when kept) and the rest. */
export interface ScannedInputs {
  images: { input: DicomInput; file: DicomImageFile; parsed: ParsedImage | undefined }[];
  skipped: SkippedFile[];
}

/** Files parsed at once while scanning (their reads overlap). */
const SCAN_CONCURRENCY = 8;

/**
 * Bytes of files given by a `read` function kept from the scan for decoding (so that each is
 * read once); past this, files are read again when their pixels are decoded.
 */
const KEEP_BYTES = 256 * 2 ** 20;

/**
 * Parses every input's header. Inputs given as bytes keep their parsed data set (the bytes are in
 * memory anyway); inputs given by a `read` function keep it while the kept files total at most
 * 256 MiB (a typical CT series is then read once), the others are dropped after parsing and read
 * again for their pixels.
 * @throws {DicomError} from {@link parseDicomFile} for a corrupt file.
 */
export async function scanInputs(inputs: readonly DicomInput[]): Promise<ScannedInputs> {
  let kept = 0;
  const scanned = await mapLimited(inputs, SCAN_CONCURRENCY, async (input) => {
    const result = await parseDicomFile(input.name, await inputBytes(input));
    if (result.kind === 'skipped')
      return { input, skipped: { name: result.name, reason: result.reason } };
    // Decide now, so that a dropped file's bytes can be collected while the scan goes on.
    const size = result.dataSet.byteArray.length;
    const keep = 'bytes' in input || kept + size <= KEEP_BYTES;
    if (keep && !('bytes' in input)) kept += size;
    return { input, image: { input, file: result.file, parsed: keep ? result : undefined } };
  });
  return {
    images: scanned.flatMap((entry) => (entry.image === undefined ? [] : [entry.image])),
    skipped: scanned.flatMap((entry) => (entry.skipped === undefined ? [] : [entry.skipped])),
  };
}
