/** The Quotes pane's data: the corpus's quote index, and its groups filtered by the query. */
import { useMemo } from 'react';
import type { PartialQuoteIndex, QuoteIndex } from '../../../core/quotes/index.js';
import type { QuoteGroup } from '../../../core/quotes/types.js';
import { runInSlices } from '../../../core/slices.js';
import type { Workspace } from '../../../core/workspace.js';
import { usePartialJob } from '../../hooks/usePartialJob.js';
import { useSlicedJob, type SlicedJob } from '../../hooks/useSlicedJob.js';

/** The groups a filter leaves, and the filter they answer (query null: none typed now). */
interface Filtered {
  /** The index filtered (an unfinished one's answer is pending once the finished one is in). */
  index: QuoteIndex | null;
  groups: QuoteGroup[];
  query: string | null;
  allKinds: boolean;
  error: string | null;
}

export interface PaneQuotes {
  /** The finished index, or the unfinished one of the documents read so far (see `progress`). */
  index: QuoteIndex | null;
  /** While the index is unfinished: documents read, and in all; null once it is finished. */
  progress: Omit<PartialQuoteIndex, 'index'> | null;
  filtered: Filtered | null;
  groups: QuoteGroup[];
  /** The groups shown do not answer the query yet. */
  pending: boolean;
}

/** The groups matching a filter, found in slices. */
function quoteFilter(quotes: QuoteIndex, query: string, allKinds: boolean): SlicedJob<Filtered> {
  return async (signal) => {
    const groups = await runInSlices(quotes.searchSteps({ query, allKinds }), { signal });
    return groups && { index: quotes, groups, query, allKinds, error: null };
  };
}

export function usePaneQuotes(workspace: Workspace, active: boolean, query: string, allKinds: boolean): PaneQuotes {
  // Quotes are found once per workspace, the first time the pane is shown (never per keystroke),
  // in slices: on 20,000 articles that takes seconds, during which keys still work. Leaving the
  // pane does not stop it; a new workspace or closing the program does.
  // Until they are all found, the groups of the documents read so far are listed.
  const watched = usePartialJob(workspace.quoteIndex(), active);
  const index = watched?.done ?? watched?.partial.index ?? null;
  const partial = watched?.partial ?? null;
  const progress = useMemo(() => partial && { documentsRead: partial.documentsRead, documentsTotal: partial.documentsTotal }, [partial]);
  // Filtering runs in slices after the keystroke is drawn, and a newer keystroke drops it: on a
  // large corpus (11,000 groups from Reuters, up to 100 ms of Fuse.js) typing never waits on it.
  // A query the syntax refuses says so in the list.
  const filtering = useSlicedJob(useMemo(() => (index ? quoteFilter(index, query, allKinds) : null), [index, query, allKinds]));
  const filtered: Filtered | null = filtering.error ? { index, groups: [], query: filtering.current ? query : null, allKinds, error: filtering.error.message } : filtering.value;
  const groups = filtered?.groups ?? [];
  const pending = !filtered || filtered.query !== query || filtered.allKinds !== allKinds || filtered.index !== index;
  return { index, progress, filtered, groups, pending };
}
