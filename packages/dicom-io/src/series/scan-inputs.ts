import type { DicomImageFile, SkippedFile } from '../parse/dicom-image-file';
import { type ParsedImage, parseDicomFile } from '../parse/parse-file';
import { type DicomInput, inputBytes, mapLimited } from './dicom-input';

/** The image files among the inputs (with their parsed data sets when kept) and the rest. */
export interface ScannedInputs {
  images: { input: DicomInput; file: DicomImageFile; parsed: ParsedImage | undefined }[];
  skipped: SkippedFile[];
}

/** Files parsed at once while scanning (their reads overlap; their bytes are dropped after). */
const SCAN_CONCURRENCY = 8;

/**
 * Parses every input's header. Inputs given as bytes keep their parsed data set (the bytes are in
 * memory anyway); inputs given by a `read` function are dropped after parsing and read again for
 * their pixels, so that at most a few files are held at once.
 * @throws {DicomError} from {@link parseDicomFile} for a corrupt file.
 */
export async function scanInputs(inputs: readonly DicomInput[]): Promise<ScannedInputs> {
  const parsed = await mapLimited(inputs, SCAN_CONCURRENCY, async (input) => {
    const result = await parseDicomFile(input.name, await inputBytes(input));
    return { input, result };
  });
  const scanned: ScannedInputs = { images: [], skipped: [] };
  for (const { input, result } of parsed) {
    if (result.kind === 'skipped') {
      scanned.skipped.push({ name: result.name, reason: result.reason });
    } else {
      scanned.images.push({
        input,
        file: result.file,
        parsed: 'bytes' in input ? result : undefined,
      });
    }
  }
  return scanned;
}
