/**
 * What the workbench asks of an archive (`crosscheck --db URL`): the search service, plus the
 * stories to pick from and a story or a single document loaded as a corpus of its own, so the
 * panes run their in-memory analysis on it. The UI reaches the database only through this.
 */
import type { SearchService } from './searchService.js';
import type { StoryMember } from './stories.js';
import type { Corpus } from './types.js';

export interface WorkbenchArchive extends SearchService {
  /** Where the archive is, as it may be shown (password replaced). */
  readonly shown: string;
  /** The documents that belong to a story, without their text: what the story picker lists. */
  storyMembers(): Promise<Array<StoryMember & { label: string }>>;
  /** One story's documents and passages as a corpus of its own (quotes, compare, claims). */
  storyCorpus(story: string): Promise<Corpus>;
  /** One document and its passages as a corpus of its own (the preview and the reader); stopped when `signal` fires. */
  documentCorpus(source: string, signal?: AbortSignal): Promise<Corpus>;
}
