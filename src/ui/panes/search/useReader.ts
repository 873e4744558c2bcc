/**
 * Search's reader: the whole article of a passage, opened scrolled to the passage (the line above
 * it in view) from the first frame on, with the lines a find matches.
 */
import { useEffect, useEffectEvent, useMemo } from 'react';
import { articleLines, type ArticleLines } from '../../components/Reader.js';
import { useImmediateState } from '../../hooks/useImmediateState.js';
import type { LineEditor } from '../../hooks/useLineEditor.js';
import { useScrollView, type ScrollView } from '../../hooks/useListNavigation.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import { useTheme } from '../../theme.js';
import type { RefObject } from 'react';
import type { Passage } from '../../../core/types.js';

/** Which passage the reader shows, and whether another pane sent it (Esc then goes back there). */
export interface Reading {
  passageId: number;
  sent: boolean;
}

export interface SearchReader {
  reading: Reading | null;
  readingLatest: RefObject<Reading | null>;
  setReading: (reading: Reading | null) => void;
  passage: Passage | undefined;
  article: ArticleLines | null;
  scroll: ScrollView;
  /** Shows the article of a passage, scrolled to it. */
  open: (reading: Reading) => void;
  /** n / N: scrolls to the next (1) or previous (-1) line the find matches; false when none does. */
  nextMatch: (step: 1 | -1) => boolean;
}

export function useReader(workspace: Workspace, width: number, height: number, find: LineEditor): SearchReader {
  const theme = useTheme();
  const [reading, readingLatest, setReading] = useImmediateState<Reading | null>(null);
  const passage = reading ? workspace.corpus.passages[reading.passageId] : undefined;
  const article = useMemo(
    () => (passage ? articleLines(workspace.corpus, passage, width, theme.ascii, find.text) : null),
    [workspace, passage, width, theme.ascii, find.text],
  );
  const scroll = useScrollView(article?.lines.length ?? 0, height - 1);
  const { set: scrollTo } = scroll;

  const open = (next: Reading): void => {
    const opened = workspace.corpus.passages[next.passageId];
    // Laid out here, so the first frame already shows the passage and a key after it moves from there.
    if (opened) scrollTo(articleLines(workspace.corpus, opened, width, theme.ascii, find.current()).focusLine - 1);
    setReading(next);
  };
  // At another width the lines wrap anew: the passage is brought back into view.
  const refocus = useEffectEvent(() => {
    if (article) scrollTo(article.focusLine - 1);
  });
  useEffect(() => refocus(), [width]);

  const nextMatch = (step: 1 | -1): boolean => {
    const lines = article?.matchLines ?? [];
    if (lines.length === 0) return false;
    const from = scroll.current() + 1;
    const next = step > 0 ? (lines.find((line) => line > from) ?? lines[0]!) : ([...lines].reverse().find((line) => line < from) ?? lines.at(-1)!);
    scrollTo(next - 1);
    return true;
  };
  return { reading, readingLatest, setReading, passage, article, scroll, open, nextMatch };
}
