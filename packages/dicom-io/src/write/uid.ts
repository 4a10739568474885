/** 64-bit FNV-1a of a string, as a BigInt. */
function fnv1a64(text: string, basis: bigint): bigint {
  let hash = basis;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * A deterministic DICOM UID under the `2.25.` root (a decimal 128-bit number, PS3.5 B.2),
 * derived from `key`: the same key always gives the same UID, different keys different ones.
 */
export function uidFromKey(key: string): string {
  const high = fnv1a64(key, 0xcbf29ce484222325n);
  const low = fnv1a64(`${key}\u0000`, 0x84222325cbf29ce4n);
  return `2.25.${((high << 64n) | low).toString()}`;
}
