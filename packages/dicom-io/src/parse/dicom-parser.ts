import * as namespace from 'dicom-parser';

type DicomParser = typeof namespace;

/**
 * dicom-parser is a UMD (CommonJS) bundle: Node's ESM loader exposes it only as a default export,
 * bundlers and the CJS build as named exports. This takes whichever is there.
 */
const dicomParser: DicomParser =
  (namespace as unknown as { default?: DicomParser }).default ?? namespace;

export const {
  createJPEGBasicOffsetTable,
  parseDicom,
  readEncapsulatedImageFrame,
  readEncapsulatedPixelDataFromFragments,
  readPart10Header,
} = dicomParser;
