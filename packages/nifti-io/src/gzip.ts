/**
 * True when `bytes` start with the gzip magic number (0x1f 0x8b).
 *
 * NIfTI files are recognised as compressed by content, never by file name.
 * @param bytes - the first bytes of a file (two are enough).
 * @example
 * ```ts
 * isGzip(new Uint8Array([0x1f, 0x8b, 8, 0])); // true
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
