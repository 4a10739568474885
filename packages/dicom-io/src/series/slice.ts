import type { DicomImageFile, FrameGeometry } from '../parse/dicom-image-file';

/** One slice of a series: a frame of a file, and where it lies. */
export interface Slice {
  file: DicomImageFile;
  /** 0-based frame index within the file. */
  frame: number;
  geometry: FrameGeometry;
}

/** How a slice is named in messages: the file, and the frame for multi-frame files. */
export function sliceLabel(slice: Slice): string {
  return slice.file.frames.length > 1
    ? `${slice.file.name} frame ${slice.frame + 1}`
    : slice.file.name;
}
