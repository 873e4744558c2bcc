/** Selection and scrolling for any list: arrows, j/k, PgUp/PgDn, g/G, Home/End. */
import type { Key } from 'ink';
import { useCallback, useEffect, useRef } from 'react';
import { useImmediateState } from './useImmediateState.js';

export interface ListNavigation {
  selected: number;
  /** First row shown: the list scrolls only as far as needed to keep the selection visible. */
  offset: number;
  select(index: number): void;
  /** Applies a navigation key; returns false when the key is not a navigation key. */
  handleKey(input: string, key: Key, options?: { letters?: boolean }): boolean;
}

export function useListNavigation(length: number, visibleRows: number): ListNavigation {
  const [selected, selectedRef, setSelected] = useImmediateState(0);
  const offsetRef = useRef(0);
  const rows = Math.max(1, visibleRows);

  const clamp = useCallback((index: number) => Math.max(0, Math.min(length - 1, index)), [length]);
  useEffect(() => {
    if (selected > 0 && selected >= length) setSelected(Math.max(0, length - 1));
  }, [length, selected, setSelected]);

  const current = Math.max(0, Math.min(selected, length - 1));
  let offset = offsetRef.current;
  if (current < offset) offset = current;
  if (current >= offset + rows) offset = current - rows + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, length - rows)));
  offsetRef.current = offset;

  const select = useCallback((index: number) => setSelected(clamp(index)), [clamp, setSelected]);
  const handleKey = (input: string, key: Key, options: { letters?: boolean } = {}): boolean => {
    const letters = options.letters ?? true;
    // Relative moves start from the latest selection, which may be newer than this render.
    const current = Math.max(0, Math.min(selectedRef.current, length - 1));
    if (key.upArrow || (letters && input === 'k')) select(current - 1);
    else if (key.downArrow || (letters && input === 'j')) select(current + 1);
    else if (key.pageUp) select(current - rows);
    else if (key.pageDown) select(current + rows);
    else if (key.home || (letters && input === 'g')) select(0);
    else if (key.end || (letters && input === 'G')) select(length - 1);
    else return false;
    return true;
  };
  return { selected: current, offset, select, handleKey };
}
