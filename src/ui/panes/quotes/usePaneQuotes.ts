/** The Quotes pane's data: the corpus's quote index, and its groups filtered by the query. */
import { useMemo } from 'react';
import type { QuoteIndex } from '../../../core/quotes/index.js';
import type { QuoteGroup } from '../../../core/quotes/types.js';
import { runInSlices } from '../../../core/slices.js';
import type { Workspace } from '../../../core/workspace.js';
import { useShared, useSlicedJob, type SlicedJob } from '../../hooks/useSlicedJob.js';

/** The groups a filter leaves, and the filter they answer (query null: none typed now). */
interface Filtered {
  groups: QuoteGroup[];
  query: string | null;
  allKinds: boolean;
  error: string | null;
}

export interface PaneQuotes {
  index: QuoteIndex | null;
  filtered: Filtered | null;
  groups: QuoteGroup[];
  /** The groups shown do not answer the query yet. */
  pending: boolean;
}

/** The groups matching a filter, found in slices. */
function quoteFilter(quotes: QuoteIndex, query: string, allKinds: boolean): SlicedJob<Filtered> {
  return async (signal) => {
    const groups = await runInSlices(quotes.searchSteps({ query, allKinds }), { signal });
    return groups && { groups, query, allKinds, error: null };
  };
}

export function usePaneQuotes(workspace: Workspace, active: boolean, query: string, allKinds: boolean): PaneQuotes {
  // Quotes are found once per workspace, the first time the pane is shown (never per keystroke),
  // in slices: on 20,000 articles that takes seconds, during which keys still work. Leaving the
  // pane does not stop it; a new workspace or closing the program does.
  const index = useShared(workspace.quoteIndex(), active);
  // Filtering runs in slices after the keystroke is drawn, and a newer keystroke drops it: on a
  // large corpus (11,000 groups from Reuters, up to 100 ms of Fuse.js) typing never waits on it.
  // A query the syntax refuses says so in the list.
  const filtering = useSlicedJob(useMemo(() => (index ? quoteFilter(index, query, allKinds) : null), [index, query, allKinds]));
  const filtered: Filtered | null = filtering.error ? { groups: [], query: filtering.current ? query : null, allKinds, error: filtering.error.message } : filtering.value;
  const groups = filtered?.groups ?? [];
  const pending = !filtered || filtered.query !== query || filtered.allKinds !== allKinds;
  return { index, filtered, groups, pending };
}
