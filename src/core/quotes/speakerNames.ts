/**
 * Speaker names across sources: spellings of one name ("Hua Chuning" / "Hua Chunying") linked to
 * the one most sources use, and whether two quotes' speakers can be one person.
 */
import { editDistance } from '../text/editDistance.js';
import type { Quote } from './types.js';
import { MAX_POSTINGS } from './wording.js';

/** Disjoint sets of items 0..size-1, joined transitively. */
export class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let at = item; this.parent[at] !== root; ) {
      const next = this.parent[at]!;
      this.parent[at] = root;
      at = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

/** Two spellings of one name: same number of words, one word the same, the rest at most two edits apart. */
export function sameNameVariant(a: string, b: string): boolean {
  if (a === b) return true;
  const wordsA = a.toLowerCase().split(' ');
  const wordsB = b.toLowerCase().split(' ');
  if (wordsA.length !== wordsB.length || wordsA.length < 2) return false;
  if (!wordsA.some((word, index) => word === wordsB[index])) return false;
  const distance = editDistance(wordsA.join(' '), wordsB.join(' '), 2);
  return distance <= 2 && distance / Math.max(a.length, b.length) <= 0.2;
}

/**
 * The spelling each speaker name is linked to: the one most sources use ("Hua Chuning" in one
 * source -> "Hua Chunying" in three). Candidates share a word, so only names in one bucket meet.
 */
export function canonicalSpeakers(quotes: readonly Quote[]): Map<string, string> {
  const sourcesOf = new Map<string, Set<string>>();
  for (const quote of quotes) {
    if (quote.speaker === null) continue;
    const sources = sourcesOf.get(quote.speaker) ?? new Set<string>();
    sources.add(quote.source);
    sourcesOf.set(quote.speaker, sources);
  }
  const names = [...sourcesOf.keys()];
  const links = new UnionFind(names.length);
  const buckets = new Map<string, number[]>();
  names.forEach((name, index) => {
    for (const word of new Set(name.toLowerCase().split(' '))) {
      const bucket = buckets.get(word) ?? [];
      bucket.push(index);
      buckets.set(word, bucket);
    }
  });
  for (const bucket of buckets.values()) {
    if (bucket.length > MAX_POSTINGS) continue;
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        if (sameNameVariant(names[bucket[i]!]!, names[bucket[j]!]!)) links.union(bucket[i]!, bucket[j]!);
      }
    }
  }
  const best = new Map<number, string>();
  names.forEach((name, index) => {
    const root = links.find(index);
    const current = best.get(root);
    if (current === undefined || sourcesOf.get(name)!.size > sourcesOf.get(current)!.size) best.set(root, name);
  });
  return new Map(names.map((name, index) => [name, best.get(links.find(index))!]));
}

/** Two speakers that can be one person: either unknown, one spelling for both, or the same surname. */
export function speakersAgree(a: string | null, b: string | null, canonical: ReadonlyMap<string, string>): boolean {
  if (a === null || b === null) return true;
  if ((canonical.get(a) ?? a) === (canonical.get(b) ?? b)) return true;
  const last = (name: string): string => name.toLowerCase().split(' ').pop() ?? '';
  return last(a) === last(b);
}

