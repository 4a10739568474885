/** Random-access bytes: a CSV is read through one in chunks, never whole. */
export interface ByteSource {
  /**
   * Copies bytes from `position` into `into`.
   * @returns how many were copied: 0 at the end.
   */
  read(position: number, into: Uint8Array): number;
}

/**
 * A {@link ByteSource} over bytes in memory.
 * @example
 * bytesSource(new TextEncoder().encode('a,b\n')).read(0, new Uint8Array(2)); // 2
 */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    read(position, into) {
      const piece = bytes.subarray(position, position + into.length);
      into.set(piece);
      return piece.length;
    },
  };
}
