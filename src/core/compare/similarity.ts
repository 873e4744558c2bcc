/**
 * The alignment measure: do two passages state the same claim?
 *
 * Each passage becomes the set of its content words (text/stems.ts: claimStems). Two sets are compared with a Dice coefficient
 * in which every stem weighs its inverse document frequency over the corpus's passages: sharing
 * "23,750" or "amplifier" says far more than sharing "Twitter" or "China", which every passage of
 * this story has. This survives paraphrase and re-translation (the same facts keep the same rare
 * words even when the wording around them changes), where character-level fuzzy matching
 * (Fuse.js's Bitap, limited to 32-character patterns) cannot compare whole sentences.
 */
/** The weight of a stem `frequency` of `passages` passages hold (the one formula, so typed-array copies weigh the same). */
export function inverseFrequency(passages: number, frequency: number): number {
  return Math.log(1 + (passages + 1) / (frequency + 1));
}

/** Inverse document frequency of stems over a set of passages. */
export class StemWeights {
  private readonly frequency = new Map<string, number>();
  /** Weights already computed since the last add (a claims map asks for the same stems millions of times). */
  private readonly weights = new Map<string, number>();
  private count = 0;

  add(stemSet: ReadonlySet<string>): void {
    this.count++;
    this.weights.clear();
    for (const stem of stemSet) this.frequency.set(stem, (this.frequency.get(stem) ?? 0) + 1);
  }

  /** Counts taken elsewhere (the passages of one story): `passages` in all, `frequency` per stem. */
  set(passages: number, frequency: ReadonlyMap<string, number>): void {
    this.count = passages;
    this.weights.clear();
    this.frequency.clear();
    for (const [stem, count] of frequency) this.frequency.set(stem, count);
  }

  /** How many passages hold the stem. */
  documentFrequency(stem: string): number {
    return this.frequency.get(stem) ?? 0;
  }

  /** A stem no passage has weighs the most; one every passage has weighs little. */
  weight(stem: string): number {
    let weight = this.weights.get(stem);
    if (weight === undefined) {
      weight = inverseFrequency(this.count, this.frequency.get(stem) ?? 0);
      this.weights.set(stem, weight);
    }
    return weight;
  }

  get passages(): number {
    return this.count;
  }
}

/** The weight of `a`'s stems, and of those of them `b` has too. */
function weightedOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weights: StemWeights): { shared: number; total: number } {
  let shared = 0;
  let total = 0;
  for (const stem of a) {
    const weight = weights.weight(stem);
    total += weight;
    if (b.has(stem)) shared += weight;
  }
  return { shared, total };
}

/** IDF-weighted Dice coefficient of two stem sets, 0..1. */
export function weightedDice(a: ReadonlySet<string>, b: ReadonlySet<string>, weights: StemWeights): number {
  const { shared, total: totalA } = weightedOverlap(a, b, weights);
  let totalB = 0;
  for (const stem of b) totalB += weights.weight(stem);
  return totalA + totalB === 0 ? 0 : (2 * shared) / (totalA + totalB);
}

/** How much of the claim's weight the passage holds, 0..1 (a short claim inside a long sentence scores high). */
export function weightedCoverage(claim: ReadonlySet<string>, passage: ReadonlySet<string>, weights: StemWeights): number {
  const { shared, total } = weightedOverlap(claim, passage, weights);
  return total === 0 ? 0 : shared / total;
}

/**
 * Does the passage state the claim: the mean of coverage (all of the claim is there) and Dice
 * (and not much else besides), so a typed claim of six words can match a sentence of forty, while
 * a long passage that merely mentions the same names does not.
 */
export function claimSimilarity(claim: ReadonlySet<string>, passage: ReadonlySet<string>, weights: StemWeights): number {
  return (weightedCoverage(claim, passage, weights) + weightedDice(claim, passage, weights)) / 2;
}

export function union(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const joined = new Set(a);
  for (const stem of b) joined.add(stem);
  return joined;
}
