/**
 * A one-line text field's state, edited from key handlers that read it at once.
 *
 * The text and cursor live in a ref as well as in React state: keys that arrive before the next
 * render (fast typing, a slow link, a busy frame) must see every key before them, or characters
 * are dropped and reordered (seen in the end-to-end tests at 20 ms between keys).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Handlers, TextField } from '../keys/dispatch.js';
import { pastedLine } from '../keys/read.js';
import { useLatest } from './useLatest.js';

export interface LineState {
  text: string;
  /** Cursor position in code points. */
  cursor: number;
}

export type EditAction = 'cursor-left' | 'cursor-right' | 'line-start' | 'line-end' | 'delete-back' | 'delete-forward' | 'delete-word' | 'delete-to-start';
const EDIT_ACTIONS: readonly EditAction[] = ['cursor-left', 'cursor-right', 'line-start', 'line-end', 'delete-back', 'delete-forward', 'delete-word', 'delete-to-start'];

export interface LineEditor extends TextField {
  text: string;
  cursor: number;
  /** Replaces the text, cursor at the end. */
  set: (text: string) => void;
  /** The editing actions of the key map (Left, Ctrl-W, Backspace...), for the field's key layer. */
  handlers: Handlers;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_']/u.test(char);
}

/** The pure editing step, exported for unit tests. */
export function applyEdit(state: LineState, action: EditAction): LineState {
  const chars = Array.from(state.text);
  const cursor = Math.min(state.cursor, chars.length);
  const at = (text: string[], position: number): LineState => ({ text: text.join(''), cursor: position });
  switch (action) {
    case 'cursor-left':
      return at(chars, Math.max(0, cursor - 1));
    case 'cursor-right':
      return at(chars, Math.min(chars.length, cursor + 1));
    case 'line-start':
      return at(chars, 0);
    case 'line-end':
      return at(chars, chars.length);
    case 'delete-to-start':
      return at(chars.slice(cursor), 0);
    case 'delete-word': {
      let start = cursor;
      while (start > 0 && !isWordChar(chars[start - 1])) start--;
      while (start > 0 && isWordChar(chars[start - 1])) start--;
      return at([...chars.slice(0, start), ...chars.slice(cursor)], start);
    }
    case 'delete-back':
      if (cursor === 0) return at(chars, 0);
      return at([...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor - 1);
    case 'delete-forward':
      return at([...chars.slice(0, cursor), ...chars.slice(cursor + 1)], cursor);
  }
}

/** Text typed or pasted at the cursor: one line, no control characters. */
export function insertText(state: LineState, text: string): LineState {
  const typed = Array.from(pastedLine(text));
  const chars = Array.from(state.text);
  const cursor = Math.min(state.cursor, chars.length);
  return { text: [...chars.slice(0, cursor), ...typed, ...chars.slice(cursor)].join(''), cursor: cursor + typed.length };
}

/**
 * `onChange` runs after every edit that changed the text (a new query selects its first result).
 */
export function useLineEditor(initial = '', onChange?: (text: string) => void): LineEditor {
  const [state, setState] = useState<LineState>(() => ({ text: initial, cursor: Array.from(initial).length }));
  // What every key handler reads and edits at once, before the next render.
  const latest = useRef(state);
  const onChangeLatest = useLatest(onChange);
  const update = useCallback(
    (next: LineState) => {
      const changed = next.text !== latest.current.text;
      if (!changed && next.cursor === latest.current.cursor) return;
      latest.current = next;
      setState(next);
      if (changed) onChangeLatest.current?.(next.text);
    },
    [onChangeLatest],
  );
  const current = useCallback(() => latest.current.text, []);
  const set = useCallback((text: string) => update({ text, cursor: Array.from(text).length }), [update]);
  const insert = useCallback((text: string) => update(insertText(latest.current, text)), [update]);
  const handlers = useMemo<Handlers>(
    () => Object.fromEntries(EDIT_ACTIONS.map((action) => [action, () => update(applyEdit(latest.current, action))])),
    [update],
  );
  return { text: state.text, cursor: state.cursor, current, set, insert, handlers };
}
