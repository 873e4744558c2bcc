/**
 * The story picker: `s` in Claims lists the corpus's stories by name, days and outlets, filtered
 * fuzzily as you type (core/storyFinder.ts); Enter shows the chosen story's claims. BASIL's 100
 * stories are UUIDs: stepping through them one by one was no way to reach one.
 */
import { useMemo, type RefObject } from 'react';
import { storiesOf, type StorySummary } from '../../core/stories.js';
import { StoryFinder, type StoryChoice } from '../../core/storyFinder.js';
import type { SourceDocument } from '../../core/types.js';
import type { Workspace } from '../../core/workspace.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor, type LineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation, useSelection, type ListNavigation } from '../hooks/useListNavigation.js';
import type { KeyTarget } from '../keys/dispatch.js';

export interface StoryPicker {
  open: boolean;
  openLatest: RefObject<boolean>;
  show: () => boolean;
  close: () => void;
  editor: LineEditor;
  choices: readonly StoryChoice[];
  navigation: ListNavigation;
  /** Where keys go while it is open: its filter field, then its list. */
  target: () => KeyTarget;
}

/** The stories to pick from, and the labels of their documents (the outlets a story is found by). */
export interface StoryCatalog {
  stories: readonly StorySummary[];
  documents: ReadonlyMap<string, Pick<SourceDocument, 'label'>>;
}

/** A corpus's stories, for the picker. */
export function storyCatalogOf(workspace: Workspace): StoryCatalog {
  return { stories: storiesOf(workspace.corpus), documents: workspace.documents };
}

export function useStoryPicker(catalog: StoryCatalog | null, rows: number, choose: (story: string) => void): StoryPicker {
  const [open, openLatest, setOpen] = useImmediateState(false);
  const selection = useSelection();
  const editor = useLineEditor('', () => selection.set(0));
  const finder = useMemo(() => (catalog ? new StoryFinder(catalog.stories, catalog.documents) : null), [catalog]);
  const choices = useMemo(() => finder?.find(editor.text) ?? [], [finder, editor.text]);
  const navigation = useListNavigation(choices.length, rows, selection);
  const close = (): void => setOpen(false);
  const target = (): KeyTarget => ({
    field: { editor, handlers: { ...editor.handlers, ...navigation.handlers } },
    layers: [
      {
        scope: 'stories',
        handlers: {
          submit: () => {
            // The finder answers the text typed so far, so the choice is the one on screen.
            const chosen = finder?.find(editor.current())[navigation.current()];
            if (!chosen) return false;
            close();
            choose(chosen.story.id);
            return true;
          },
          close,
        },
      },
      { scope: 'move', handlers: navigation.handlers },
    ],
    conditions: { 'field-empty': editor.current() === '', history: false },
  });
  return {
    open,
    openLatest,
    show: () => {
      if (!finder || (catalog?.stories.length ?? 0) === 0) return false;
      editor.set('');
      navigation.select(0);
      setOpen(true);
      return true;
    },
    close,
    editor,
    choices,
    navigation,
    target,
  };
}
