/**
 * Selection in a list, and scrolling of a view: the key map's moves (j/k, PgUp/PgDn, Ctrl-D/U,
 * g/G) as handlers, the offset always within the content.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Handlers } from '../keys/dispatch.js';
import { useImmediateState } from './useImmediateState.js';

export interface ListNavigation {
  selected: number;
  /** First row shown: the list scrolls only as far as needed to keep the selection visible. */
  offset: number;
  select(index: number): void;
  /** The latest selection, for handlers running before the next render. */
  current(): number;
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

export function useListNavigation(length: number, visibleRows: number): ListNavigation {
  const [selected, selectedRef, setSelected] = useImmediateState(0);
  const offsetRef = useRef(0);
  const rows = Math.max(1, visibleRows);
  const sizeRef = useRef({ length, rows });
  sizeRef.current = { length, rows };

  useEffect(() => {
    if (selected > 0 && selected >= length) setSelected(Math.max(0, length - 1));
  }, [length, selected, setSelected]);

  const current = Math.max(0, Math.min(selected, length - 1));
  let offset = offsetRef.current;
  if (current < offset) offset = current;
  if (current >= offset + rows) offset = current - rows + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, length - rows)));
  offsetRef.current = offset;

  const select = useCallback(
    (index: number) => setSelected(Math.max(0, Math.min(sizeRef.current.length - 1, index))),
    [setSelected],
  );
  // Relative moves start from the latest selection, which may be newer than this render.
  const latest = useCallback(() => Math.max(0, Math.min(selectedRef.current, sizeRef.current.length - 1)), [selectedRef]);
  const handlers = useMemo(
    () => moveHandlers(latest, select, () => sizeRef.current.rows, () => sizeRef.current.length - 1),
    [latest, select],
  );
  return { selected: current, offset, select, current: latest, handlers };
}

export interface ScrollView {
  /** First line shown, within 0..lines-height. */
  offset: number;
  set(offset: number): void;
  current(): number;
  handlers: Handlers;
}

/** A view of `lines` lines, `height` of them shown: the offset never runs past the content. */
export function useScrollView(lines: number, height: number): ScrollView {
  const [offset, offsetRef, setOffset] = useImmediateState(0);
  const sizeRef = useRef({ lines, height });
  sizeRef.current = { lines, height: Math.max(1, height) };
  const maximum = (): number => Math.max(0, sizeRef.current.lines - sizeRef.current.height);
  // Kept as asked and clamped when read: a view set before its content is laid out (an article
  // opened at its passage) still lands there; moves start from the clamped offset, so it never drifts.
  const set = useCallback((next: number) => setOffset(Math.max(0, next)), [setOffset]);
  const current = useCallback(() => Math.max(0, Math.min(maximum(), offsetRef.current)), [offsetRef]);
  const handlers = useMemo(() => moveHandlers(current, set, () => Math.max(1, sizeRef.current.height - 1), maximum), [current, set]);
  return { offset: Math.max(0, Math.min(maximum(), offset)), set, current, handlers };
}
