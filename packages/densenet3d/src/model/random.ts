/**
 * A small seeded pseudo-random generator (SplitMix32) with uniform and normal draws, so
 * initialisation and dropout are reproducible on every backend and platform.
 */
export interface SeededRandom {
  /** A uniform float in [0, 1). */
  uniform(): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
}

/** FNV-1a hash of a string, mixed with a seed: a stable sub-seed per weight name. */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let index = 0; index < label.length; index += 1) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Creates a generator from a 32-bit seed.
 * @example
 * const random = seededRandom(42);
 * random.uniform(); // same value on every run
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  let spare: number | undefined;
  const uint32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const uniform = (): number => uint32() / 4294967296;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    let u = uniform();
    while (u <= 0) u = uniform();
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal, uint32 };
}
