/**
 * The document of the selected result, loaded from the archive as a workspace of its own, so the
 * preview and the reader show the passage among its neighbours. Until it comes (or when the
 * archive cannot give it), the passage is shown alone.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SearchHit } from '../../../core/search/hits.js';
import type { DocumentInfo } from '../../../core/searchService.js';
import type { WorkbenchArchive } from '../../../core/workbenchArchive.js';
import { Workspace } from '../../../core/workspace.js';

/** Documents kept once loaded: moving back and forth over results does not ask again. */
const KEPT_DOCUMENTS = 16;

export interface LocalHit {
  /** The hit's document (or the hit alone, while it loads). */
  workspace: Workspace;
  /** The hit with its passage as that workspace numbers it. */
  hit: SearchHit;
  /** The whole document is there. */
  whole: boolean;
}

/** The hit's passage alone, in a workspace of its document without its text. */
function aloneIn(hit: SearchHit, document: DocumentInfo | undefined): LocalHit {
  const passage = { ...hit.passage, id: 0 };
  const documents = document ? [{ ...document, text: '' }] : [];
  return { workspace: new Workspace({ root: '', documents, passages: [passage], warnings: [], stories: [], ignoredFiles: 0 }), hit: { ...hit, passage }, whole: false };
}

export function useArchiveDocument(archive: WorkbenchArchive, hit: SearchHit | undefined, documents: ReadonlyMap<string, DocumentInfo>): LocalHit | null {
  const [kept, setKept] = useState<ReadonlyMap<string, Workspace>>(new Map());
  const source = hit?.passage.source;
  const loaded = source === undefined ? undefined : kept.get(source);
  useEffect(() => {
    if (source === undefined || loaded) return;
    // A document scrolled past is not waited for: the next one's load goes first.
    const controller = new AbortController();
    archive.documentCorpus(source, controller.signal).then(
      (corpus) => {
        if (controller.signal.aborted) return;
        setKept((previous) => new Map([...previous, [source, new Workspace(corpus)] as const].slice(-KEPT_DOCUMENTS)));
      },
      // The passage stays shown alone; the search's status says when the archive is gone.
      () => undefined,
    );
    return () => controller.abort();
  }, [archive, source, loaded]);
  return useMemo(() => {
    if (!hit) return null;
    const found = loaded?.corpus.passages.find((passage) => passage.line === hit.passage.line && passage.start === hit.passage.start);
    if (!loaded || !found) return aloneIn(hit, documents.get(hit.passage.source));
    return { workspace: loaded, hit: { ...hit, passage: found }, whole: true };
  }, [hit, loaded, documents]);
}
