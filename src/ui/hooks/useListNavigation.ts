/**
 * Selection in a list, and scrolling of a view: the key map's moves (j/k, PgUp/PgDn, Ctrl-D/U,
 * g/G) as handlers, the offset always within the content.
 */
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import type { Handlers } from '../keys/dispatch.js';
import { useImmediateState } from './useImmediateState.js';
import { useLatest } from './useLatest.js';

/** A list's selected index: declared before the list is known, so a text field can reset it. */
export interface Selection {
  selected: number;
  /** The latest selection, for handlers running before the next render. */
  latest: RefObject<number>;
  set: (index: number) => void;
}

export function useSelection(): Selection {
  const [selected, latest, set] = useImmediateState(0);
  return { selected, latest, set };
}

export interface ListNavigation {
  selected: number;
  /** First row shown: the list scrolls only as far as needed to keep the selection visible. */
  offset: number;
  select: (index: number) => void;
  /** The latest selection, for handlers running before the next render. */
  current: () => number;
  /** up, down, page-up, page-down, half-page-up, half-page-down, first, last. */
  handlers: Handlers;
}

/** The move actions over a position: `to` gets the wanted position (clamped by its owner). */
function moveHandlers(current: () => number, to: (position: number) => void, page: () => number, last: () => number): Handlers {
  return {
    up: () => to(current() - 1),
    down: () => to(current() + 1),
    'page-up': () => to(current() - page()),
    'page-down': () => to(current() + page()),
    'half-page-up': () => to(current() - Math.max(1, Math.floor(page() / 2))),
    'half-page-down': () => to(current() + Math.max(1, Math.floor(page() / 2))),
    first: () => to(0),
    last: () => to(last()),
  };
}

/** The first row shown: the last one moved only as far as needed to show `selected`, within the list. */
export function scrolledOffset(previous: number, selected: number, rows: number, length: number): number {
  let offset = previous;
  if (selected < offset) offset = selected;
  if (selected >= offset + rows) offset = selected - rows + 1;
  return Math.max(0, Math.min(offset, Math.max(0, length - rows)));
}

/** A list of `length` items, `visibleRows` of them shown; `selection` when the caller needs it first. */
export function useListNavigation(length: number, visibleRows: number, selection?: Selection): ListNavigation {
  const own = useSelection();
  const { selected, latest: selectedLatest, set: setSelected } = selection ?? own;
  const rows = Math.max(1, visibleRows);
  const size = useLatest({ length, rows });

  useEffect(() => {
    if (selected > 0 && selected >= length) setSelected(Math.max(0, length - 1));
  }, [length, selected, setSelected]);

  const current = Math.max(0, Math.min(selected, length - 1));
  // The offset depends on the last one shown (a list scrolls only when the selection leaves it).
  const [shownOffset, setShownOffset] = useState(0);
  const offset = scrolledOffset(shownOffset, current, rows, length);
  if (offset !== shownOffset) setShownOffset(offset);

  const select = useCallback((index: number) => setSelected(Math.max(0, Math.min(size.current.length - 1, index))), [setSelected, size]);
  // Relative moves start from the latest selection, which may be newer than this render.
  const latest = useCallback(() => Math.max(0, Math.min(selectedLatest.current, size.current.length - 1)), [selectedLatest, size]);
  const handlers = useMemo(
    () => moveHandlers(latest, select, () => size.current.rows, () => size.current.length - 1),
    [latest, select, size],
  );
  return { selected: current, offset, select, current: latest, handlers };
}

export interface ScrollView {
  /** First line shown, within 0..lines-height. */
  offset: number;
  set: (offset: number) => void;
  current: () => number;
  handlers: Handlers;
}

/** A view of `lines` lines, `height` of them shown: the offset never runs past the content. */
export function useScrollView(lines: number, height: number): ScrollView {
  const [offset, offsetLatest, setOffset] = useImmediateState(0);
  const shown = Math.max(1, height);
  const size = useLatest({ lines, height: shown });
  // Kept as asked and clamped when read: a view set before its content is laid out (an article
  // opened at its passage) still lands there; moves start from the clamped offset, so it never drifts.
  const set = useCallback((next: number) => setOffset(Math.max(0, next)), [setOffset]);
  const current = useCallback(
    () => Math.max(0, Math.min(size.current.lines - size.current.height, offsetLatest.current)),
    [offsetLatest, size],
  );
  const handlers = useMemo(
    () => moveHandlers(current, set, () => Math.max(1, size.current.height - 1), () => Math.max(0, size.current.lines - size.current.height)),
    [current, set, size],
  );
  return { offset: Math.max(0, Math.min(lines - shown, offset)), set, current, handlers };
}
