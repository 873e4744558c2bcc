/**
 * One corpus and everything derived from it, each made once, the first time something asks for
 * it, and shared: the search index, the quotes, the claim comparer and each story's claims map.
 * The CLI builds what a command uses at once; the workbench builds in slices (useSlicedJob), so
 * keys keep working meanwhile. A new pane needs one accessor here and one hook call there.
 */
import { claimsMapSteps, type PartialSink } from './compare/claims.js';
import { ClaimsJob } from './compare/claimsJob.js';
import { ClaimComparer } from './compare/compare.js';
import type { ClaimsMap } from './compare/types.js';
import { openCorpus, type OpenedCorpus, type OpenOptions } from './open.js';
import { PartialJob } from './partialJob.js';
import { QuoteIndex, type PartialQuoteIndex } from './quotes/index.js';
import { MemorySearch, type SearchService } from './searchService.js';
import { PassageIndex } from './searchIndex.js';
import { SharedJob, type Steps } from './slices.js';
import type { Corpus, SourceDocument } from './types.js';

/** Indexes built since the program started: tests bound the work with it (sources builds none). */
export const workspaceCounters = { passageIndexes: 0, quoteIndexes: 0, comparers: 0, claimsMaps: 0 };

export class Workspace {
  readonly corpus: Corpus;
  /** Each source's document, by source id. */
  readonly documents: ReadonlyMap<string, SourceDocument>;
  private readonly passageJob: SharedJob<PassageIndex>;
  private readonly quoteJob: PartialJob<QuoteIndex, PartialQuoteIndex>;
  private readonly comparerJob: SharedJob<ClaimComparer>;
  private readonly claimsJobs = new Map<string | null, ClaimsJob>();

  /** `opened`: the corpus as openCorpus gave it, whose index comes from the cache or, built here, goes to it. */
  constructor(corpus: Corpus, opened?: OpenedCorpus) {
    this.corpus = corpus;
    this.documents = new Map(corpus.documents.map((document) => [document.source, document]));
    this.passageJob = new SharedJob(() => passageIndexSteps(corpus, opened));
    this.quoteJob = new PartialJob((partials) => counted(QuoteIndex.build(corpus, partials), 'quoteIndexes'));
    // The stem index comes from the cache, or is shared with the cache write that stores it.
    this.comparerJob = new SharedJob(() => counted(ClaimComparer.build(corpus, opened?.stemIndex.steps()), 'comparers'));
  }

  /** The corpus under `root`, from the cache when it holds it; nothing derived is built yet. */
  static async open(root: string, options: OpenOptions = {}): Promise<{ workspace: Workspace; opened: OpenedCorpus }> {
    const opened = await openCorpus(root, options);
    return { workspace: new Workspace(opened.corpus, opened), opened };
  }

  /** The fuzzy search index of every passage (search, the Search pane). */
  passageIndex(): SharedJob<PassageIndex> {
    return this.passageJob;
  }

  /** Search and the corpus's lists behind the interface an archive also serves (search, sources, stories). */
  searchService(): SearchService {
    return new MemorySearch(this.corpus, () => this.passageIndex().now());
  }

  /** Every quotation and its groups across sources (quotes, the Quotes pane); unfinished indexes are told meanwhile. */
  quoteIndex(): PartialJob<QuoteIndex, PartialQuoteIndex> {
    return this.quoteJob;
  }

  /** The stem index claims are compared with (compare, claims, their panes). */
  comparer(): SharedJob<ClaimComparer> {
    return this.comparerJob;
  }

  /** The claims map of `story` (null: the corpus without stories), on the shared comparer; unfinished maps are told meanwhile. */
  claimsMap(story: string | null): ClaimsJob {
    let job = this.claimsJobs.get(story);
    if (!job) {
      const comparer = this.comparerJob;
      job = new ClaimsJob((partials) => counted(claimsMapAfter(comparer, story, partials), 'claimsMaps'));
      this.claimsJobs.set(story, job);
    }
    return job;
  }
}

function* claimsMapAfter(comparer: SharedJob<ClaimComparer>, story: string | null, partials: PartialSink): Steps<ClaimsMap> {
  return yield* claimsMapSteps(yield* comparer.steps(), story, undefined, partials);
}

function* counted<T>(steps: Steps<T>, counter: keyof typeof workspaceCounters): Steps<T> {
  const value = yield* steps;
  workspaceCounters[counter]++;
  return value;
}

/**
 * The index, made in steps that pause every few milliseconds (so keys typed meanwhile are drawn);
 * the pause before it lets the screen show the corpus first. Built from the opened corpus, it
 * comes from the cache's parts or is cached once made.
 */
function* passageIndexSteps(corpus: Corpus, opened: OpenedCorpus | undefined): Steps<PassageIndex> {
  yield;
  const index = opened ? yield* opened.indexSteps() : yield* PassageIndex.build(corpus);
  workspaceCounters.passageIndexes++;
  return index;
}
