/** What the panes know of the archive the workbench reads (`--db`); null on a corpus folder. */
import { createContext, useContext } from 'react';
import type { WorkbenchArchive } from '../../core/workbenchArchive.js';
import type { Timers } from '../hooks/useArchiveSearch.js';

export interface ArchiveSetting {
  archive: WorkbenchArchive;
  /** The story loaded for Quotes, Compare and Claims; null until one is picked. */
  story: string | null;
  /** How many stories the archive holds; null until known. */
  stories: number | null;
  timers: Timers;
}

export const ArchiveContext = createContext<ArchiveSetting | null>(null);

export function useArchiveSetting(): ArchiveSetting | null {
  return useContext(ArchiveContext);
}
