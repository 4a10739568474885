/**
 * Inflates a raw-deflate stream (RFC 1951, no zlib or gzip wrapper) with the platform's
 * `DecompressionStream`, available in browsers and Node.js ≥ 20.12.
 * @throws whatever the stream throws on corrupt data (the caller wraps it).
 */
export async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
