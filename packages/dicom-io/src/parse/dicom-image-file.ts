import type { Vec3 } from '../volume';

/** Where one frame (one slice) lies and how its stored values become real values. */
export interface FrameGeometry {
  /** ImagePositionPatient: the centre of the first transmitted pixel, LPS mm. */
  positionMm: Vec3;
  /** ImageOrientationPatient: row direction (x, y, z) then column direction, LPS. */
  orientation: [number, number, number, number, number, number];
  /** PixelSpacing in DICOM's order: [between rows, between columns] mm. */
  pixelSpacingMm: [number, number];
  /** SliceThickness in mm, when given (never used for geometry when there are positions). */
  sliceThicknessMm: number | undefined;
  /** RescaleSlope (1 when absent). */
  slope: number;
  /** RescaleIntercept (0 when absent). */
  intercept: number;
}

/** What a DICOM image file says about itself; no patient data is read. */
export interface DicomImageFile {
  /** The file's name as the caller gave it. */
  name: string;
  transferSyntaxUid: string;
  seriesInstanceUid: string;
  seriesDescription: string | undefined;
  seriesNumber: number | undefined;
  modality: string | undefined;
  sopClassUid: string | undefined;
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  /** One entry per frame (a classic image has one). */
  frames: FrameGeometry[];
}

/** A file that holds no image, and why it was passed over. */
export interface SkippedFile {
  name: string;
  reason: string;
}
