/**
 * Deterministic hashing and pseudo-random helpers.
 *
 * Every generated value is a pure function of (seed, namespace, index), so the simulator can
 * produce record i of a million-record set on demand without generating records 0..i-1 first,
 * and the same seed always yields the same data.
 */

/** Final avalanche step of MurmurHash3: spreads every input bit over the 32-bit output. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hashes a list of 32-bit integers into one 32-bit integer. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = mix32((h ^ mix32(part >>> 0)) + 0x9e3779b9);
  }
  return h;
}

/** FNV-1a of a string, used to turn namespace names into numbers. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** Normalises any numeric seed to an unsigned 32-bit integer. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  // Fold the high bits in so seeds above 2^32 still differ from their low 32 bits.
  return (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
}

/** A value in [0, 1) for (seed, namespace, index, salt). */
export function unitFloat(seed: number, namespace: string, index: number, salt = 0): number {
  return hash32(seed, hashString(namespace), index, salt) / 2 ** 32;
}

/** An integer in [min, max] (inclusive) for (seed, namespace, index, salt). */
export function intBetween(seed: number, namespace: string, index: number, min: number, max: number, salt = 0): number {
  return min + Math.floor(unitFloat(seed, namespace, index, salt) * (max - min + 1));
}

/** Picks one element of a non-empty list deterministically. */
export function pickFrom<T>(list: readonly T[], seed: number, namespace: string, index: number, salt = 0): T {
  if (list.length === 0) throw new RangeError(`cannot pick from an empty list (${namespace})`);
  const item = list[intBetween(seed, namespace, index, 0, list.length - 1, salt)];
  return item as T;
}

/** Sequential generator (mulberry32) for the small static part of the data set. */
export function sequence(seed: number, namespace: string): () => number {
  let state = hash32(seed, hashString(namespace));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function hex(value: number, width: number): string {
  return (value >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(8 - width);
}

/**
 * A version-4-shaped UUID derived from (seed, namespace, index). It is not random, but it has
 * the version and variant nibbles a strict UUID parser expects.
 */
export function uuidFor(seed: number, namespace: string, index: number): string {
  const ns = hashString(namespace);
  const w0 = hash32(seed, ns, index, 1);
  const w1 = hash32(seed, ns, index, 2);
  const w2 = hash32(seed, ns, index, 3);
  const w3 = hash32(seed, ns, index, 4);
  const variant = (8 | (w2 & 3)).toString(16);
  return `${hex(w0, 8)}-${hex(w1 >>> 16, 4)}-4${hex(w1, 3)}-${variant}${hex(w2 >>> 4, 3)}-${hex(w2 >>> 16, 4)}${hex(w3, 8)}`;
}
