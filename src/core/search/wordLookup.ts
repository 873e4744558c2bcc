/** The prefilter's word matches of query terms, cached across keystrokes (a query grows a letter at a time). */
import { matchWords, narrowsFrom, type WordMatches } from '../prefilter.js';
import type { QueryAlternative, QueryTerm } from '../query.js';
import type { Steps } from '../slices.js';
import { THRESHOLD } from './fuseAdapter.js';
import type { IndexParts } from './indexParts.js';

const WORD_CACHE_SIZE = 256;

export type WordField = 'text' | 'titles' | 'sources';

export class WordLookup {
  /** Most recently used last; null: the prefilter cannot bound that term. */
  private readonly cache = new Map<string, WordMatches | null>();

  constructor(private readonly parts: IndexParts) {}

  /** The words of `fieldName` each alternative of each term matches; null when one cannot be bounded. */
  *termsFor(fieldName: WordField, positive: readonly QueryTerm[]): Steps<WordMatches[][] | null> {
    const terms: WordMatches[][] = [];
    for (const term of positive) {
      const matches: WordMatches[] = [];
      for (const alternative of term) {
        const found = yield* this.wordsFor(fieldName, alternative);
        if (found === null) return null;
        matches.push(found);
      }
      terms.push(matches);
    }
    return terms;
  }

  private *wordsFor(fieldName: WordField, alternative: QueryAlternative): Steps<WordMatches | null> {
    const fuzzy = alternative.kind === 'fuzzy';
    const keyOf = (literal: string): string => `${fieldName}\u0000${fuzzy ? 'f' : 'x'}\u0000${literal}`;
    const lowered = alternative.literal.toLowerCase();
    const key = keyOf(lowered);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // Re-inserting keeps the most recently used entries at the end.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    // The term typed one letter shorter, a key ago: its words hold all of this one's (a first
    // letter's scan of the whole vocabulary is then the only one).
    const query = { literal: alternative.literal, fuzzy };
    const shorter = this.cache.get(keyOf(lowered.slice(0, -1)));
    const among = shorter && narrowsFrom(shorter, query, THRESHOLD) ? shorter.words : undefined;
    const found = yield* matchWords(this.parts[fieldName], query, THRESHOLD, among);
    this.cache.set(key, found);
    if (this.cache.size > WORD_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return found;
  }
}
