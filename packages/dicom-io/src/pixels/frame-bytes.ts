import { DicomError } from '../errors/dicom-error';
import { describeFailure } from '../parse/describe-failure';
import {
  createJPEGBasicOffsetTable,
  readEncapsulatedImageFrame,
  readEncapsulatedPixelDataFromFragments,
} from '../parse/dicom-parser';
import type { ParsedImage } from '../parse/parse-file';
import { TAG } from '../parse/tags';

/**
 * The compressed bytes of frame `index` of an encapsulated pixel data element: all fragments
 * for a single frame, else by the basic offset table, else one fragment per frame, else (JPEG)
 * by finding the frames' start markers.
 * @throws {DicomError} `corrupt-pixel-data` when the fragments cannot be split into frames.
 */
export function encapsulatedFrame(image: ParsedImage, index: number, jpeg: boolean): Uint8Array {
  const { dataSet, file } = image;
  const element = dataSet.elements[TAG.pixelData]!;
  const fragments = element.fragments ?? [];
  const frameCount = file.frames.length;
  try {
    if (frameCount === 1) {
      return readEncapsulatedPixelDataFromFragments(dataSet, element, 0, fragments.length);
    }
    if ((element.basicOffsetTable?.length ?? 0) > 0) {
      return readEncapsulatedImageFrame(dataSet, element, index);
    }
    if (fragments.length === frameCount) {
      return readEncapsulatedPixelDataFromFragments(dataSet, element, index, 1);
    }
    if (jpeg) {
      const table = createJPEGBasicOffsetTable(dataSet, element);
      return readEncapsulatedImageFrame(dataSet, element, index, table);
    }
  } catch (thrown) {
    throw new DicomError({
      code: 'corrupt-pixel-data',
      message: `frame ${index + 1} of ${frameCount} cannot be cut from the pixel data fragments: ${describeFailure(thrown)}`,
      file: file.name,
      cause: thrown,
    });
  }
  throw new DicomError({
    code: 'corrupt-pixel-data',
    message: `${frameCount} frames in ${fragments.length} fragments with no basic offset table: the frames cannot be told apart`,
    file: file.name,
  });
}
