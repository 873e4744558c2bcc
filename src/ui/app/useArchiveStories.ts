/**
 * On an archive (`--db`), Quotes, Compare and Claims work on one story at a time: the story picker
 * lists the archive's stories, and the chosen one is loaded into a workspace of its own, where the
 * panes run the same analysis as on a corpus folder. Nothing is loaded before a story is chosen.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { neutralize } from '../../core/sanitize.js';
import { storiesOf } from '../../core/stories.js';
import type { WorkbenchArchive } from '../../core/workbenchArchive.js';
import { Workspace } from '../../core/workspace.js';
import { RETRY_AFTER_MS, type Timers } from '../hooks/useArchiveSearch.js';
import type { StoryCatalog } from './useStoryPicker.js';
import { plural } from '../../core/presentation.js';

export interface ArchiveStories {
  /** The chosen story's workspace; before that, an empty one named after the archive. */
  workspace: Workspace;
  story: string | null;
  /** What the status line says of the stories: loading one, or why they could not be had; null when nothing. */
  notice: string | null;
  catalog: StoryCatalog | null;
  choose: (story: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** null without an archive. `onLoaded`: the chosen story is in, its workspace shown. */
export function useArchiveStories(archive: WorkbenchArchive | undefined, timers: Timers, onLoaded: (story: string) => void): ArchiveStories | null {
  const empty = useMemo(() => (archive ? new Workspace({ root: archive.shown, documents: [], passages: [], warnings: [], stories: [], ignoredFiles: 0 }) : null), [archive]);
  const [catalog, setCatalog] = useState<StoryCatalog | null>(null);
  const [chosen, setChosen] = useState<{ story: string; workspace: Workspace } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The latest story asked for: a story picked while an earlier one loads wins whichever comes in last.
  const latestChoice = useRef(0);
  useEffect(() => {
    if (!archive) return;
    let current = true;
    let retry: unknown;
    archive.storyMembers().then(
      (members) => {
        if (!current) return;
        const stories = storiesOf({ documents: members, stories: [...new Set(members.map((member) => member.story ?? ''))].filter((story) => story !== '').sort() });
        setCatalog({ stories, documents: new Map(members.map((member) => [member.source, member])) });
      },
      (error: unknown) => {
        if (!current) return;
        setNotice(`stories not listed: ${messageOf(error)}`);
        retry = timers.setTimeout(() => setAttempt((count) => count + 1), RETRY_AFTER_MS);
      },
    );
    return () => {
      current = false;
      if (retry !== undefined) timers.clearTimeout(retry);
    };
  }, [archive, timers, attempt]);
  if (!archive || !empty) return null;
  const choose = (story: string): void => {
    const choice = ++latestChoice.current;
    setNotice(`loading story ${story}…`);
    archive.storyCorpus(story).then(
      (corpus) => {
        if (choice !== latestChoice.current) return;
        setChosen({ story, workspace: new Workspace(corpus) });
        setNotice(null);
        onLoaded(story);
      },
      (error: unknown) => {
        if (choice === latestChoice.current) setNotice(`story ${story} not loaded: ${messageOf(error)}`);
      },
    );
  };
  return { workspace: chosen?.workspace ?? empty, story: chosen?.story ?? null, notice, catalog, choose };
}

/** The status line's facts on an archive: the chosen story's, or how many stories there are to choose from (names and messages neutralised). */
export function archiveFacts({ story, workspace, notice, catalog }: ArchiveStories, ascii: boolean): string {
  const facts =
    notice ?? (story !== null ? `story ${story}: ${plural(workspace.corpus.documents.length, 'source')} ${plural(workspace.corpus.passages.length, 'passage')}` : catalog ? `archive: ${plural(catalog.stories.length, 'story', 'stories')}` : 'archive');
  const safe = neutralize(facts, { ascii });
  return ascii ? safe.replaceAll('…', '...') : safe;
}
