/**
 * The closest passages to a query no passage matches in full: a pasted sentence ("the bundesbank
 * said it would keep interest rates unchanged") is a normal query for a fact-checker, but fuzzy
 * search wants every word. Here each word of the query weighs its rarity (IDF over the passages),
 * and a passage scores the share of the query's weight it holds (weighted word coverage), with
 * the same typo tolerance as search. Only passages holding at least half the weight are offered,
 * labelled "closest, not all words".
 */
import { matchWords, type FieldIndex } from './prefilter.js';
import { occurrenceRanges, type Range } from './ranges.js';
import type { Steps } from './slices.js';
import type { Passage } from './types.js';

/** Below four words a query is a few keywords; a missing one is no "closest" match. */
export const CLOSEST_MIN_WORDS = 4;
/** A closest passage holds at least this share of the query's weight. */
export const CLOSEST_MIN_COVERAGE = 0.5;

export interface ClosestHit {
  passage: Passage;
  /** 0..1: the share of the query's word weight the passage holds. */
  coverage: number;
  /** The query's words found in the passage. */
  matches: Range[];
}

export interface ClosestOptions {
  limit?: number;
  sources?: readonly string[];
  /** Fuse.js's threshold: the typo tolerance of a word (as in search). */
  threshold: number;
}

/** The query's words, lowercased and stripped of punctuation, or null when it uses search operators. */
export function plainWords(query: string): string[] | null {
  const tokens = query.trim().split(/\s+/).filter(Boolean);
  if (tokens.some((token) => /^[!'^]|\$$|^\|$/.test(token))) return null;
  const words = tokens.map((token) => token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((word) => word !== '');
  return [...new Set(words)];
}

/** Is the vocabulary entry (a whitespace-separated token) the query word, or it with a typo when the word is long? */
function sameWord(entry: string, word: string, errors: number): boolean {
  const bare = entry.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (bare === word) return true;
  return word.length >= 5 && errors > 0 && Math.abs(bare.length - word.length) <= errors;
}

/** Where the matched words stand in `text`, as sorted, merged half-open ranges. */
function rangesOf(text: string, found: readonly string[]): Range[] {
  return occurrenceRanges(text, found.map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')));
}

export function* closestSteps(field: FieldIndex, passages: readonly Passage[], query: string, options: ClosestOptions): Steps<ClosestHit[]> {
  const words = plainWords(query);
  if (!words || words.length < CLOSEST_MIN_WORDS) return [];
  const sources = options.sources && options.sources.length > 0 ? new Set(options.sources) : null;
  const covered = new Float64Array(field.size);
  const foundWords = new Map<number, string[]>();
  let total = 0;
  for (const word of words) {
    const matches = yield* matchWords(field, { literal: word, fuzzy: true }, options.threshold);
    // Whole words only, a typo allowed in longer ones: "it" is not "with", "rates" is "rates,".
    const vocabulary = matches ? [...matches.words].filter((id, at) => sameWord(field.vocabulary[id]!, word, matches.errors[at] ?? 0)) : [];
    const records = new Map<number, string>();
    for (const id of vocabulary) {
      for (let at = field.offsets[id]!; at < field.offsets[id + 1]!; at++) records.set(field.ids[at]!, field.vocabulary[id]!);
    }
    // "the" is in every passage and says nothing; "bundesbank" says almost everything.
    const weight = Math.log(1 + field.size / (records.size + 1));
    total += weight;
    let walked = 0;
    for (const [record, found] of records) {
      if (++walked % 65536 === 0) yield;
      covered[record]! += weight;
      const list = foundWords.get(record);
      if (list) list.push(found);
      else foundWords.set(record, [found]);
    }
    yield;
  }
  if (total === 0) return [];
  const hits: ClosestHit[] = [];
  for (const [record, found] of foundWords) {
    const coverage = covered[record]! / total;
    const passage = passages[record]!;
    if (coverage < CLOSEST_MIN_COVERAGE || (sources && !sources.has(passage.source))) continue;
    hits.push({ passage, coverage: Math.round(coverage * 1000) / 1000, matches: rangesOf(passage.text, found) });
  }
  hits.sort((a, b) => b.coverage - a.coverage || a.passage.id - b.passage.id);
  return hits.slice(0, options.limit ?? Number.POSITIVE_INFINITY);
}
