/** The help overlay: open or closed, and its scroll, which stays within its lines (so k after many j moves at once). */
import type { RefObject } from 'react';
import { helpLineCount } from '../components/HelpOverlay.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import type { Handlers } from '../keys/dispatch.js';

export interface Help {
  open: boolean;
  openLatest: RefObject<boolean>;
  scroll: number;
  show: () => void;
  close: () => void;
  /** j/k, PgUp/PgDn, Ctrl-D/U, g/G over the help's lines. */
  handlers: Handlers;
}

export function useHelp(height: number): Help {
  const [open, openLatest, setOpen] = useImmediateState(false);
  const [scroll, scrollLatest, setScroll] = useImmediateState(0);
  const scrollTo = (to: number): void => setScroll(Math.max(0, Math.min(helpLineCount() - height, to)));
  const by = (lines: number) => (): void => scrollTo(scrollLatest.current + lines);
  return {
    open,
    openLatest,
    scroll,
    show: () => {
      setScroll(0);
      setOpen(true);
    },
    close: () => setOpen(false),
    handlers: {
      up: by(-1),
      down: by(1),
      'page-up': by(-height),
      'page-down': by(height),
      'half-page-up': by(-Math.floor(height / 2)),
      'half-page-down': by(Math.floor(height / 2)),
      first: () => scrollTo(0),
      last: () => scrollTo(helpLineCount()),
    },
  };
}
