/** The interface between the passage index and its searches (bounded and exhaustive). */
import type { QueryTerm } from '../query.js';
import type { Passage } from '../types.js';
import type { FuseScorer } from './fuseAdapter.js';
import type { Scoring, SearchWork } from './hits.js';
import type { IndexParts } from './indexParts.js';
import type { PassageLayout } from './passageLayout.js';
import type { WordLookup } from './wordLookup.js';

/** What a search reads of the index it runs on. */
export interface SearchContext {
  readonly passages: readonly Passage[];
  readonly parts: IndexParts;
  readonly layout: PassageLayout;
  readonly words: WordLookup;
  readonly scorer: FuseScorer;
  readonly work: SearchWork;
}

/** One query's search: which passages it keeps, and how many hits it wants. */
export interface SearchRequest {
  scoring: Scoring;
  /** The query's terms that must match (not !exclusions). */
  positive: readonly QueryTerm[];
  /** The text filters (!not, ^start, end$, --source); only consulted when `filtered`. */
  accept: (passage: Passage) => boolean;
  filtered: boolean;
}
