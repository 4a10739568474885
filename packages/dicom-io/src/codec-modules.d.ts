// The codec packages ship no type declarations; these describe the parts this package calls.

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    decode(
      buffer: ArrayBufferLike,
      offset?: number,
      length?: number,
      numBytes?: number,
    ): Uint8Array | Uint16Array | Int16Array;
  }
}

interface WasmFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface WasmFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (module?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<{ J2KDecoder: new () => WasmFrameDecoder }>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (module?: {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }) => Promise<{ JpegLSDecoder: new () => WasmFrameDecoder }>;
  export default factory;
}
