/** How the pixel data of a transfer syntax are stored, as far as decoding is concerned. */
export type PixelEncoding =
  | 'native-le'
  | 'native-be'
  | 'jpeg-lossless'
  | 'rle'
  | 'jpeg-2000'
  | 'jpeg-ls'
  | 'unsupported';

export interface TransferSyntax {
  name: string;
  encoding: PixelEncoding;
  /** The data set after the meta header is raw-deflated. */
  deflated?: boolean;
}

/** Every transfer syntax of PS3.5/PS3.6 a CT series may arrive in, by UID. */
export const TRANSFER_SYNTAXES: Readonly<Record<string, TransferSyntax>> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', encoding: 'native-le' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', encoding: 'native-le' },
  '1.2.840.10008.1.2.1.99': {
    name: 'Deflated Explicit VR Little Endian',
    encoding: 'native-le',
    deflated: true,
  },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian', encoding: 'native-be' },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', encoding: 'unsupported' },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4)', encoding: 'unsupported' },
  '1.2.840.10008.1.2.4.57': {
    name: 'JPEG Lossless, Non-Hierarchical (Process 14)',
    encoding: 'jpeg-lossless',
  },
  '1.2.840.10008.1.2.4.70': {
    name: 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    encoding: 'jpeg-lossless',
  },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless Image Compression', encoding: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.81': {
    name: 'JPEG-LS Lossy (Near-Lossless) Image Compression',
    encoding: 'jpeg-ls',
  },
  '1.2.840.10008.1.2.4.90': {
    name: 'JPEG 2000 Image Compression (Lossless Only)',
    encoding: 'jpeg-2000',
  },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000 Image Compression', encoding: 'jpeg-2000' },
  '1.2.840.10008.1.2.4.100': { name: 'MPEG2 Main Profile / Main Level', encoding: 'unsupported' },
  '1.2.840.10008.1.2.4.201': {
    name: 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.4.202': {
    name: 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.4.203': {
    name: 'High-Throughput JPEG 2000 Image Compression',
    encoding: 'unsupported',
  },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', encoding: 'rle' },
};

/** The name and encoding of a transfer syntax UID (`unknown transfer syntax` when not listed). */
export function transferSyntax(uid: string): TransferSyntax {
  return TRANSFER_SYNTAXES[uid] ?? { name: 'unknown transfer syntax', encoding: 'unsupported' };
}
