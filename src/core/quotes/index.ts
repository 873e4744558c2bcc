/**
 * The quote groups of a corpus, filtered by text and speaker through Fuse.js with the same query
 * syntax as Search. Built once per corpus; each search only runs Fuse.js over the groups.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { bitapPasses, compileQuery, filtersTest, parseQuery } from '../query.js';
import type { PartialSink } from '../partialJob.js';
import { runAtOnce, type Steps } from '../slices.js';
import type { Corpus } from '../types.js';
import { extractCorpusQuoteSteps } from './extract.js';
import { groupQuoteSteps, groupQuotes } from './grouping.js';
import type { Quote, QuoteGroup } from './types.js';

export interface QuoteFilter {
  /** Search syntax as in Search: fuzzy words, 'exact, !not, a | b. */
  query?: string;
  /** Only groups where some member's speaker contains this (any spelling, case ignored). */
  speaker?: string;
  /** Include terms and labels ("amplifier"), hidden by default. */
  allKinds?: boolean;
}

export interface GroupRecord {
  text: string;
  speaker: string;
}

export const GROUP_FUSE_OPTIONS: IFuseOptions<GroupRecord> = {
  keys: [
    { name: 'text', weight: 2 },
    { name: 'speaker', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.3,
  minMatchCharLength: 2,
  useExtendedSearch: true,
};
/** Documents read before the first unfinished index is published (see QuoteIndex.build). */
const FIRST_PARTIAL_DOCUMENTS = 1024;

/** An index still being made: the groups of the first `documentsRead` documents, shown as unfinished. */
export interface PartialQuoteIndex {
  index: QuoteIndex;
  documentsRead: number;
  documentsTotal: number;
}

/** Unfinished indexes made since the program started: tests check none is made when no one waits. */
export const partialQuoteCounters = { made: 0 };

/** Groups scored between two pauses of a search: a few milliseconds of Fuse.js. */
const GROUPS_PER_PAUSE = 256;

/** Statements first, then the quotes most sources carry, then document order. */
function byDefaultOrder(a: QuoteGroup, b: QuoteGroup): number {
  if (a.kind !== b.kind) return a.kind === 'statement' ? -1 : 1;
  return b.sources - a.sources || b.members.length - a.members.length || a.reference.id - b.reference.id;
}

function speakersOf(group: QuoteGroup): string[] {
  const names = new Set<string>();
  if (group.speaker) names.add(group.speaker);
  for (const member of group.members) if (member.quote.speaker) names.add(member.quote.speaker);
  return [...names];
}

export class QuoteIndex {
  readonly quotes: Quote[];
  /** Every group, in the default order. */
  readonly groups: QuoteGroup[];
  private readonly fuse: Fuse<GroupRecord>;
  /** The same records, searched a slice of the index at a time. */
  private readonly sliceFuse: Fuse<GroupRecord>;
  private readonly records: GroupRecord[];
  /** Bitap passes of the filters so far (a group against one 32-character chunk of a fuzzy term), for tests that bound them. */
  readonly work = { bitapPasses: 0 };

  /** `groups`: groupQuotes(quotes), when already computed. */
  constructor(quotes: Quote[], groups: QuoteGroup[] = groupQuotes(quotes)) {
    this.quotes = quotes;
    this.groups = groups.sort(byDefaultOrder);
    this.records = this.groups.map((group) => ({
      text: group.members.map((member) => member.quote.text).join(' / '),
      speaker: speakersOf(group).join(' / '),
    }));
    this.fuse = new Fuse(this.records, GROUP_FUSE_OPTIONS);
    this.sliceFuse = new Fuse(this.records, GROUP_FUSE_OPTIONS, Fuse.parseIndex<GroupRecord>({ keys: this.fuse.getIndex().keys, records: [] }));
  }

  static fromCorpus(corpus: Corpus): QuoteIndex {
    return runAtOnce(QuoteIndex.build(corpus));
  }

  /**
   * fromCorpus, pausing every few milliseconds of work (run it with runInSlices). `partials`,
   * when someone waits for them, receives unfinished indexes of the documents read so far: after
   * the first thousand documents, then each time eight times as many are read (each costs a
   * grouping of what was read; together less than half of the last).
   */
  static *build(corpus: Corpus, partials?: PartialSink<PartialQuoteIndex>): Steps<QuoteIndex> {
    let nextPartial = FIRST_PARTIAL_DOCUMENTS;
    const documentsTotal = corpus.documents.length;
    const progress = function* (quotesSoFar: readonly Quote[], documentsRead: number): Steps<void> {
      if (documentsRead < nextPartial || documentsRead === documentsTotal) return;
      nextPartial *= 8;
      if (!partials?.wanted) return;
      const read = quotesSoFar.slice();
      partialQuoteCounters.made++;
      partials.publish({ index: new QuoteIndex(read, yield* groupQuoteSteps(read)), documentsRead, documentsTotal });
    };
    const quotes = yield* extractCorpusQuoteSteps(corpus, progress);
    return new QuoteIndex(quotes, yield* groupQuoteSteps(quotes));
  }

  /** Groups matching the filter: ranked by match when there is a query, else in the default order. */
  search(filter: QuoteFilter = {}): QuoteGroup[] {
    return runAtOnce(this.searchSteps(filter));
  }

  /**
   * The same search, pausing between slices of groups (see slices.ts): Fuse.js over Reuters'
   * 11,000 groups takes up to 100 ms, longer than a key should wait.
   */
  *searchSteps(filter: QuoteFilter = {}): Steps<QuoteGroup[]> {
    const speaker = filter.speaker?.trim().toLowerCase() ?? '';
    const accept = (group: QuoteGroup): boolean =>
      (filter.allKinds === true || group.kind === 'statement') &&
      (speaker === '' || speakersOf(group).some((name) => name.toLowerCase().includes(speaker)));
    const terms = parseQuery(filter.query ?? '');
    if (terms.length === 0) return this.groups.filter(accept);
    const compiled = compileQuery(terms);
    const passesText = filtersTest(compiled.filters);
    const passes = (index: number): boolean => passesText(`${this.records[index]!.text} ${this.records[index]!.speaker}`);
    if (compiled.fuse === null) return this.groups.filter((group, index) => accept(group) && passes(index));
    // Fuse.js scores each record on its own, so scoring slices of the index and merging in
    // Fuse.js's order (score, then position) gives what one search over all of them gives.
    const scored: Array<{ index: number; score: number }> = [];
    const { keys, records } = this.fuse.getIndex();
    const passesPerGroup = bitapPasses(terms.filter((term) => term.every((alternative) => !alternative.inverse)));
    for (let start = 0; start < records.length; start += GROUPS_PER_PAUSE) {
      const slice = records.slice(start, start + GROUPS_PER_PAUSE);
      this.work.bitapPasses += slice.length * passesPerGroup;
      this.sliceFuse.setCollection(this.records, Fuse.parseIndex<GroupRecord>({ keys, records: slice }));
      for (const result of this.sliceFuse.search(compiled.fuse)) {
        if (accept(this.groups[result.refIndex]!) && passes(result.refIndex)) scored.push({ index: result.refIndex, score: result.score ?? 0 });
      }
      yield;
    }
    return scored.sort((a, b) => a.score - b.score || a.index - b.index).map(({ index }) => this.groups[index]!);
  }
}
