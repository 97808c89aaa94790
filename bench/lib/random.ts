/**
 * Seeded randomness for benchmarks: the same seed gives the same library on every run and
 * machine, so figures can be compared between runs.
 */

/** mulberry32: a tiny 32-bit PRNG, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience helpers over one seeded stream. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[weightedIndex(this.next(), cumulative(weights))]!;
  }

  /** A Fisher–Yates shuffle into a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/**
 * A sampler where the item of rank r (0-based) has weight 1 / (r + 1)^exponent: a few items are
 * very common and a long tail is rare, as with real tags and clients.
 */
export function zipfSampler<T>(items: readonly T[], exponent = 1): (random: Random) => T {
  if (items.length === 0) throw new Error('zipfSampler needs at least one item');
  const sums = cumulative(items.map((_, rank) => 1 / Math.pow(rank + 1, exponent)));
  return (random) => items[weightedIndex(random.float(), sums)]!;
}

function cumulative(weights: readonly number[]): number[] {
  const sums: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += weight;
    sums.push(total);
  }
  return sums.map((sum) => sum / total);
}

/** Binary search for the first cumulative share above `u`. */
function weightedIndex(u: number, sums: readonly number[]): number {
  let low = 0;
  let high = sums.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (u < sums[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}
