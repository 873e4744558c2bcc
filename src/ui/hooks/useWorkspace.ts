/**
 * Loads the corpus and builds its index once (from the on-disk cache when it holds this corpus),
 * reporting progress so the first frame never waits.
 */
import { useEffect, useState } from 'react';
import { loadIndexedCorpus, type CachedLoadOptions } from '../../core/cache.js';
import type { LoadProgress } from '../../core/load.js';
import { PassageIndex } from '../../core/searchIndex.js';
import type { Corpus, SourceDocument } from '../../core/types.js';

export interface Workspace {
  corpus: Corpus;
  index: PassageIndex;
  documents: ReadonlyMap<string, SourceDocument>;
}

export type WorkspaceState =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; workspace: Workspace }
  | { status: 'failed'; message: string };

export function workspaceOf(corpus: Corpus, index: PassageIndex = new PassageIndex(corpus)): Workspace {
  return {
    corpus,
    index,
    documents: new Map(corpus.documents.map((document) => [document.source, document])),
  };
}

/** How a corpus folder becomes a corpus and its index (tests pass their own). */
export type CorpusLoader = (root: string, options: CachedLoadOptions) => Promise<{ corpus: Corpus; index: PassageIndex }>;

export function useWorkspace(corpusPath: string | undefined, preloaded: Workspace | undefined, load: CorpusLoader = loadIndexedCorpus): WorkspaceState {
  const [state, setState] = useState<WorkspaceState>(
    preloaded ? { status: 'ready', workspace: preloaded } : { status: 'loading', progress: null },
  );
  useEffect(() => {
    if (preloaded || corpusPath === undefined) return;
    let cancelled = false;
    let lastReport = 0;
    load(corpusPath, {
      // The first screen does not wait for the cache file: it is written while the user types.
      writeInBackground: true,
      // Said once the workbench ends: a line written now would tear the screen.
      holdNotes: true,
      onProgress: (progress) => {
        const now = Date.now();
        if (cancelled || now - lastReport < 50) return;
        lastReport = now;
        setState({ status: 'loading', progress });
      },
    })
      .then(({ corpus, index }) => {
        if (!cancelled) setState({ status: 'ready', workspace: workspaceOf(corpus, index) });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [corpusPath, preloaded, load]);
  return state;
}
