/** How the workbench draws: colour or not (NO_COLOR, TERM=dumb), Unicode or ASCII (LANG=C). */
import { createContext, useContext } from 'react';
import { colorAllowed, prefersUnicode } from '../core/display.js';

export interface Theme {
  /** Colours allowed. Without them, emphasis is bold/underline/inverse only. */
  color: boolean;
  ascii: boolean;
  /**
   * Word differences spelled out as [-deleted-] and {+added+}: without colour, and on terminals
   * that do not draw strike-through (GNU screen, tmux's screen TERM, the Linux console).
   */
  diffMarkers: boolean;
  glyphs: {
    ellipsis: string;
    pointer: string;
    rule: string;
    separator: string;
    up: string;
    down: string;
  };
  /** Colours chosen to read on dark and light backgrounds alike (no yellow, white or grey text). */
  colors: {
    accent: string;
    match: string;
    source: string;
    warning: string;
    muted: string;
  };
}

export function themeFor(env: NodeJS.ProcessEnv): Theme {
  const ascii = !prefersUnicode(env);
  return {
    color: colorAllowed(env),
    ascii,
    diffMarkers: !colorAllowed(env) || /^(screen|linux)/.test(env.TERM ?? ''),
    glyphs: ascii
      ? { ellipsis: '...', pointer: '>', rule: '-', separator: '|', up: '^', down: 'v' }
      : { ellipsis: '…', pointer: '›', rule: '─', separator: '│', up: '↑', down: '↓' },
    colors: { accent: 'blue', match: 'magenta', source: 'green', warning: 'red', muted: 'blue' },
  };
}

export const ThemeContext = createContext<Theme>(themeFor({}));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
