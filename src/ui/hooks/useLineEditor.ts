/**
 * A one-line text field's state, edited from key handlers that read it at once.
 *
 * ink-text-input keeps its text and cursor in React state captured by the handler of the last
 * render; keys that arrive before the next render (fast typing, a slow link, a busy frame) were
 * applied to stale text, dropping and reordering characters (seen in the end-to-end tests at
 * 20 ms between keys). Here the text and cursor live in a ref, so every key sees every key before.
 */
import { useCallback, useRef, useState } from 'react';
import type { Key } from 'ink';

export interface LineState {
  text: string;
  /** Cursor position in code points. */
  cursor: number;
}

export interface LineEditor {
  text: string;
  cursor: number;
  /** The latest text, for handlers running before the next render. */
  current(): string;
  /** Replaces the text, cursor at the end. */
  set(text: string): void;
  /** Applies an editing key; returns whether the key was an edit. */
  edit(input: string, key: Key): boolean;
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_']/u.test(char);
}

/** The pure editing step, exported for unit tests. */
export function applyEdit(state: LineState, input: string, key: Key): LineState | null {
  const chars = Array.from(state.text);
  const cursor = Math.min(state.cursor, chars.length);
  const at = (text: string[], position: number): LineState => ({ text: text.join(''), cursor: position });
  if (key.leftArrow) return at(chars, Math.max(0, cursor - 1));
  if (key.rightArrow) return at(chars, Math.min(chars.length, cursor + 1));
  if (key.home || (key.ctrl && input === 'a')) return at(chars, 0);
  if (key.end || (key.ctrl && input === 'e')) return at(chars, chars.length);
  if (key.ctrl && input === 'u') return at(chars.slice(cursor), 0);
  if (key.ctrl && input === 'k') return at(chars.slice(0, cursor), cursor);
  if (key.ctrl && input === 'w') {
    let start = cursor;
    while (start > 0 && !isWordChar(chars[start - 1])) start--;
    while (start > 0 && isWordChar(chars[start - 1])) start--;
    return at([...chars.slice(0, start), ...chars.slice(cursor)], start);
  }
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`; the Delete key is ESC[3~.
  if (key.backspace || (key.delete && input === '')) {
    if (cursor === 0) return at(chars, 0);
    return at([...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor - 1);
  }
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) {
    return null;
  }
  const typed = Array.from(input.replace(CONTROL, ''));
  if (typed.length === 0) return null;
  return at([...chars.slice(0, cursor), ...typed, ...chars.slice(cursor)], cursor + typed.length);
}

export function useLineEditor(initial = ''): LineEditor {
  const ref = useRef<LineState>({ text: initial, cursor: Array.from(initial).length });
  const [state, setState] = useState<LineState>(ref.current);
  const update = useCallback((next: LineState) => {
    ref.current = next;
    setState(next);
  }, []);
  const current = useCallback(() => ref.current.text, []);
  const set = useCallback((text: string) => update({ text, cursor: Array.from(text).length }), [update]);
  const edit = useCallback(
    (input: string, key: Key) => {
      const next = applyEdit(ref.current, input, key);
      if (next === null) return false;
      if (next.text !== ref.current.text || next.cursor !== ref.current.cursor) update(next);
      return true;
    },
    [update],
  );
  return { text: state.text, cursor: state.cursor, current, set, edit };
}
