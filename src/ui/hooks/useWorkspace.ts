/**
 * Opens the corpus once (from the on-disk cache when it holds this corpus), reporting progress so
 * the first frame never waits. What the panes derive from it is built when they first need it
 * (core/workspace.ts).
 */
import { useEffect, useState } from 'react';
import { FieldsError } from '../../core/formats/fields.js';
import { CorpusError, type LoadProgress } from '../../core/load.js';
import type { OpenOptions } from '../../core/open.js';
import type { Corpus } from '../../core/types.js';
import { Workspace } from '../../core/workspace.js';

export type { Workspace };

export type WorkspaceState =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; workspace: Workspace }
  | { status: 'failed'; message: string };

/** A workspace on a corpus already loaded (tests, benchmarks). */
export function workspaceOf(corpus: Corpus): Workspace {
  return new Workspace(corpus);
}

/** How a corpus folder becomes a workspace (tests pass their own). */
export type CorpusLoader = (root: string, options: OpenOptions) => Promise<Workspace>;

const openWorkspace: CorpusLoader = async (root, options) => (await Workspace.open(root, options)).workspace;

export function useWorkspace(corpusPath: string | undefined, preloaded: Workspace | undefined, load: CorpusLoader = openWorkspace, fields?: OpenOptions['fields']): WorkspaceState {
  const [state, setState] = useState<WorkspaceState>(
    preloaded ? { status: 'ready', workspace: preloaded } : { status: 'loading', progress: null },
  );
  useEffect(() => {
    if (preloaded || corpusPath === undefined) return;
    let cancelled = false;
    let lastReport = 0;
    load(corpusPath, {
      ...(fields ? { fields } : {}),
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
      .then((workspace) => {
        if (!cancelled) setState({ status: 'ready', workspace });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // A corpus that cannot be read is said; anything else is a bug, and ends the workbench as one.
        if (error instanceof CorpusError || error instanceof FieldsError) setState({ status: 'failed', message: error.message });
        else
          setState(() => {
            throw error;
          });
      });
    return () => {
      cancelled = true;
    };
  }, [corpusPath, preloaded, load, fields]);
  return state;
}
