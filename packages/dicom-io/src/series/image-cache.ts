import { DicomError } from '../errors/dicom-error';
import type { DicomImageFile } from '../parse/dicom-image-file';
import { type ParsedImage, parseDicomFile } from '../parse/parse-file';
import { type DicomInput, inputBytes } from './dicom-input';
import type { Slice } from './slice';

/** Parsed images by file, read (again) on first use and released after their last frame. */
export class ImageCache {
  private readonly images = new Map<DicomImageFile, Promise<ParsedImage>>();
  private readonly remaining = new Map<DicomImageFile, number>();

  constructor(
    private readonly sources: Map<
      DicomImageFile,
      { input: DicomInput; parsed: ParsedImage | undefined }
    >,
    slices: readonly Slice[],
  ) {
    for (const slice of slices)
      this.remaining.set(slice.file, (this.remaining.get(slice.file) ?? 0) + 1);
  }

  get(file: DicomImageFile): Promise<ParsedImage> {
    let image = this.images.get(file);
    if (image === undefined) {
      const source = this.sources.get(file)!;
      image =
        source.parsed !== undefined
          ? Promise.resolve(source.parsed)
          : inputBytes(source.input).then(async (bytes) => {
              const again = await parseDicomFile(file.name, bytes);
              if (again.kind !== 'image' || again.file.frames.length !== file.frames.length) {
                throw new DicomError({
                  code: 'io',
                  message: 'the file changed while it was being read',
                  file: file.name,
                });
              }
              return again;
            });
      this.images.set(file, image);
    }
    return image;
  }

  release(file: DicomImageFile): void {
    const left = (this.remaining.get(file) ?? 1) - 1;
    this.remaining.set(file, left);
    if (left === 0) this.images.delete(file);
  }
}
