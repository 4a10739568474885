import { DicomError } from '../errors/dicom-error';
import { describeFailure } from '../parse/describe-failure';

/** What a compressed frame is decoded into: little-endian samples, and their declared format. */
interface DecodedFrame {
  bytes: Uint8Array;
  width: number;
  height: number;
  bitsPerSample: number;
  components: number;
}

type Codec = 'jpeg-2000' | 'jpeg-ls';
type Factory = (module: {
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<Record<string, new () => WasmFrameDecoder>>;

const modules = new Map<Codec, Promise<Record<string, new () => WasmFrameDecoder>>>();

/** Loads (once) the WASM build that ships inside the codec's npm package. */
function load(codec: Codec): Promise<Record<string, new () => WasmFrameDecoder>> {
  let module = modules.get(codec);
  if (module === undefined) {
    const imported =
      codec === 'jpeg-2000'
        ? import('@cornerstonejs/codec-openjpeg/decodewasmjs')
        : import('@cornerstonejs/codec-charls/decodewasmjs');
    module = imported.then((namespace) => {
      const factory = ((namespace as { default?: unknown }).default ?? namespace) as Factory;
      // Silence the codec's console output (OpenJPEG logs every header): stdout may carry JSON.
      return factory({ print: () => undefined, printErr: () => undefined });
    });
    modules.set(codec, module);
  }
  return module;
}

/**
 * Decodes one JPEG 2000 or JPEG-LS frame with the cornerstone WASM codecs (OpenJPEG, CharLS).
 * @throws {DicomError} `corrupt-pixel-data` naming `file` when the codec refuses the frame.
 */
export async function decodeWasmFrame(
  codec: Codec,
  frame: Uint8Array,
  file: string,
): Promise<DecodedFrame> {
  const module = await load(codec);
  const Decoder = codec === 'jpeg-2000' ? module.J2KDecoder! : module.JpegLSDecoder!;
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    return {
      bytes: decoder.getDecodedBuffer().slice(),
      width: info.width,
      height: info.height,
      bitsPerSample: info.bitsPerSample,
      components: info.componentCount,
    };
  } catch (thrown) {
    // An aborted WASM instance cannot be used again: the next frame loads a fresh one.
    modules.delete(codec);
    throw new DicomError({
      code: 'corrupt-pixel-data',
      message: `the ${codec === 'jpeg-2000' ? 'JPEG 2000' : 'JPEG-LS'} frame must decode: ${describeFailure(thrown)}`,
      file,
      cause: thrown,
    });
  } finally {
    try {
      decoder.delete();
    } catch {
      // the instance aborted; it is dropped above
    }
  }
}
