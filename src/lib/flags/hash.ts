/**
 * Percentage rollouts bucket by MurmurHash3 (x86, 32-bit) of "flag key:subject id": stable
 * across processes, deploys, devices and sessions (no state, no randomness), independent
 * between flags (the key is hashed in, so one person isn't first in every rollout), and fast
 * enough to run on every evaluation. Buckets are 0..9999 (0.01% steps); a subject is in a
 * rollout of p% when its bucket < p × 100, so raising 10% → 20% only adds people.
 */
export const BUCKETS = 10_000;

const encoder = new TextEncoder();

const asciiBytes = (text: string) => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return null;
  // Keys and ids are ASCII: the string's own char codes are its UTF-8 bytes, no allocation.
  return { length: text.length, at: (i: number) => text.charCodeAt(i) };
};

export function murmur3(text: string, seed = 0): number {
  const ascii = asciiBytes(text);
  const encoded = ascii ? null : encoder.encode(text);
  const bytes = ascii ?? { length: encoded!.length, at: (i: number) => encoded![i]! };
  const length = bytes.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const o = i << 2;
    let k = bytes.at(o) | (bytes.at(o + 1) << 8) | (bytes.at(o + 2) << 16) | (bytes.at(o + 3) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = blocks << 2;
  switch (length & 3) {
    case 3:
      k ^= bytes.at(tail + 2) << 16;
    // falls through
    case 2:
      k ^= bytes.at(tail + 1) << 8;
    // falls through
    case 1:
      k ^= bytes.at(tail);
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The subject's bucket for this flag, 0..9999. */
export const rolloutBucket = (flagKey: string, subjectId: string) => murmur3(`${flagKey}:${subjectId}`) % BUCKETS;

/** True when `subjectId` falls inside a `percentage`% rollout of `flagKey`. */
export const inRollout = (flagKey: string, subjectId: string, percentage: number) => rolloutBucket(flagKey, subjectId) < Math.round(percentage * 100);
