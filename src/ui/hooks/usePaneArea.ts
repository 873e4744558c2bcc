/**
 * Which area of a pane has the keys, and whether that area is a text field: while it is, the
 * App types q and digits into it instead of quitting or switching panes. Only the visible pane
 * says so, so a hidden pane's field never swallows the visible pane's commands.
 */
import { useCallback, useEffect, type MutableRefObject } from 'react';
import { useImmediateState } from './useImmediateState.js';

export function usePaneArea<Area extends string>(
  initial: Area,
  textArea: Area,
  active: boolean,
  onTyping: (typing: boolean) => void,
): [Area, MutableRefObject<Area>, (next: Area) => void] {
  const [area, areaRef, setAreaNow] = useImmediateState<Area>(initial);
  const setArea = useCallback(
    (next: Area) => {
      setAreaNow(next);
      onTyping(next === textArea);
    },
    [setAreaNow, onTyping, textArea],
  );
  useEffect(() => {
    if (active) onTyping(areaRef.current === textArea);
  }, [active, onTyping, areaRef, textArea]);
  return [area, areaRef, setArea];
}
