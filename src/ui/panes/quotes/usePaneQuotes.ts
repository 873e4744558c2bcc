/** The Quotes pane's data: the corpus's quote index, and its groups filtered by the query. */
import { useEffect, useRef, useState } from 'react';
import { QuoteIndex } from '../../../core/quotes/index.js';
import type { QuoteGroup } from '../../../core/quotes/types.js';
import { runInSlices } from '../../../core/slices.js';
import type { Workspace } from '../../hooks/useWorkspace.js';

export interface PaneQuotes {
  index: { workspace: Workspace; quotes: QuoteIndex } | null;
  filtered: { groups: QuoteGroup[]; query: string; allKinds: boolean; error: string | null } | null;
  groups: QuoteGroup[];
  /** The groups shown do not answer the query yet. */
  pending: boolean;
}

export function usePaneQuotes(workspace: Workspace, active: boolean, query: string, allKinds: boolean): PaneQuotes {
  // Quotes are found once per workspace, the first time the pane is shown (never per keystroke),
  // in slices: on 20,000 articles that takes seconds, during which keys still work. Leaving the
  // pane does not stop it; a new workspace or closing the program does.
  const [index, setIndex] = useState<{ workspace: Workspace; quotes: QuoteIndex } | null>(null);
  const building = useRef<{ workspace: Workspace; controller: AbortController } | null>(null);
  useEffect(() => {
    if (!active || building.current?.workspace === workspace) return;
    building.current?.controller.abort();
    const controller = new AbortController();
    building.current = { workspace, controller };
    void runInSlices(QuoteIndex.build(workspace.corpus), { signal: controller.signal }).then((quotes) => {
      if (quotes && !controller.signal.aborted) setIndex({ workspace, quotes });
    });
  }, [active, workspace]);
  useEffect(() => () => building.current?.controller.abort(), []);

  // Filtering runs in slices after the keystroke is drawn, and a newer keystroke drops it: on a
  // large corpus (11,000 groups from Reuters, up to 100 ms of Fuse.js) typing never waits on it.
  // A query the syntax refuses says so in the list.
  const [filtered, setFiltered] = useState<{ groups: QuoteGroup[]; query: string; allKinds: boolean; error: string | null } | null>(null);
  useEffect(() => {
    if (!index) return;
    const controller = new AbortController();
    runInSlices(index.quotes.searchSteps({ query, allKinds }), { signal: controller.signal }).then(
      (found) => {
        if (found) setFiltered({ groups: found, query, allKinds, error: null });
      },
      (error: unknown) => setFiltered({ groups: [], query, allKinds, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, [index, query, allKinds]);
  const groups = filtered?.groups ?? [];
  const pending = !filtered || filtered.query !== query || filtered.allKinds !== allKinds;
  return { index, filtered, groups, pending };
}
