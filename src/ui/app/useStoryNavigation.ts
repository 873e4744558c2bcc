/**
 * The workbench's stories on an archive, and how panes move between them. A story picked in the
 * story picker opens Claims on it. `c` on a search result compares it within its story, as on a
 * corpus folder: the story is loaded first, then Compare opens on the claim, anchored on the same
 * passage of the story's workspace; Esc in Compare goes back to the result.
 */
import { useEffect, useRef } from 'react';
import type { WorkbenchArchive } from '../../core/workbenchArchive.js';
import type { Workspace } from '../../core/workspace.js';
import type { Timers } from '../hooks/useArchiveSearch.js';
import type { NavigationTarget, PaneKey, StoryPassage } from '../navigation.js';
import { useArchiveStories, type ArchiveStories } from './useArchiveStories.js';

type Comparison = Extract<NavigationTarget, { pane: 'compare' }>;

export interface StoryNavigation {
  /** null without an archive. */
  stories: ArchiveStories | null;
  /** Where panes navigate to: a comparison of an archive passage goes through its story. */
  navigate: (target: NavigationTarget) => void;
  /** A story chosen in the picker (a comparison waiting for another story is dropped). */
  choose: (story: string) => void;
}

/** The comparison anchored on the passage as the story's workspace numbers it (none when it is not there). */
export function anchoredIn(workspace: Workspace, claim: string, place: StoryPassage): Comparison {
  const found = workspace.corpus.passages.find((passage) => passage.source === place.source && passage.line === place.line && passage.text === place.text);
  return found ? { pane: 'compare', claim, passageId: found.id } : { pane: 'compare', claim };
}

export function useStoryNavigation(archive: WorkbenchArchive | undefined, timers: Timers, setTab: (pane: PaneKey) => void, navigate: (target: NavigationTarget) => void): StoryNavigation {
  // The comparison whose story is loading.
  const waiting = useRef<{ claim: string; place: StoryPassage } | null>(null);
  const stories = useArchiveStories(archive, timers, (story) => {
    if (waiting.current?.place.story !== story) setTab('claims');
  });
  const story = stories?.story ?? null;
  const workspace = stories?.workspace;
  // After the render that mounted the story's panes: Compare is there to be opened.
  useEffect(() => {
    const comparison = waiting.current;
    if (!comparison || !workspace || story !== comparison.place.story) return;
    waiting.current = null;
    navigate(anchoredIn(workspace, comparison.claim, comparison.place));
  }, [story, workspace, navigate]);
  return {
    stories,
    navigate: (target) => {
      if (!stories || target.pane !== 'compare' || !target.inStory) {
        navigate(target);
        return;
      }
      const place = target.inStory;
      if (place.story === stories.story) {
        navigate(anchoredIn(stories.workspace, target.claim, place));
        return;
      }
      waiting.current = { claim: target.claim, place };
      stories.choose(place.story);
    },
    choose: (picked) => {
      waiting.current = null;
      stories?.choose(picked);
    },
  };
}
