/** dicom-parser's keys (`xGGGGEEEE`) of the data elements this package reads. */
export const TAG = {
  transferSyntaxUid: 'x00020010',
  mediaStorageSopClassUid: 'x00020002',
  sopClassUid: 'x00080016',
  modality: 'x00080060',
  seriesInstanceUid: 'x0020000e',
  seriesDescription: 'x0008103e',
  seriesNumber: 'x00200011',
  instanceNumber: 'x00200013',
  imagePositionPatient: 'x00200032',
  imageOrientationPatient: 'x00200037',
  sliceThickness: 'x00180050',
  pixelSpacing: 'x00280030',
  samplesPerPixel: 'x00280002',
  photometricInterpretation: 'x00280004',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  highBit: 'x00280102',
  pixelRepresentation: 'x00280103',
  rescaleIntercept: 'x00281052',
  rescaleSlope: 'x00281053',
  pixelData: 'x7fe00010',
  floatPixelData: 'x7fe00008',
  doubleFloatPixelData: 'x7fe00009',
  sharedFunctionalGroups: 'x52009229',
  perFrameFunctionalGroups: 'x52009230',
  pixelMeasuresSequence: 'x00289110',
  planePositionSequence: 'x00209113',
  planeOrientationSequence: 'x00209116',
  pixelValueTransformationSequence: 'x00289145',
} as const;

/** `x00200032` → `(0020,0032)`: how a tag is written in messages. */
export function tagLabel(key: string): string {
  return `(${key.slice(1, 5).toUpperCase()},${key.slice(5, 9).toUpperCase()})`;
}
