/** What the panes know of the archive the workbench reads (`--db`); null on a corpus folder. */
import { createContext, useContext } from 'react';
import type { SourceDocument } from '../../core/types.js';
import type { WorkbenchArchive } from '../../core/workbenchArchive.js';
import type { Timers } from '../hooks/useArchiveSearch.js';

export interface ArchiveSetting {
  archive: WorkbenchArchive;
  /** The story loaded for Quotes, Compare and Claims; null until one is picked. */
  story: string | null;
  /** How many stories the archive holds; null until known. */
  stories: number | null;
  timers: Timers;
  /** The documents of the results the evidence keys took (y, m, e): their citations need them. */
  seen: Map<string, SourceDocument>;
}

export const ArchiveContext = createContext<ArchiveSetting | null>(null);

export function useArchiveSetting(): ArchiveSetting | null {
  return useContext(ArchiveContext);
}
