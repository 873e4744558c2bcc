/**
 * useInput, one key at a time. Ink hands a burst of plain characters (fast typing, a paste, keys
 * over a slow link) to handlers as one string; commands like "/abc" or "jjj" must act per key.
 */
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Splits a burst into single keys; anything that is not plain text passes through as it came. */
export function splitBurst(input: string, key: Key): Array<[string, Key]> {
  const plain = !key.ctrl && !key.meta && !key.escape && !key.upArrow && !key.downArrow && !key.pageUp && !key.pageDown;
  const characters = Array.from(input);
  if (!plain || characters.length <= 1) return [[input, key]];
  return characters.map((char): [string, Key] => {
    if (char === '\r' || char === '\n') return ['', { ...NO_KEY, return: true }];
    if (char === '\t') return ['', { ...NO_KEY, tab: true }];
    if (char === '\u007f' || char === '\b') return ['', { ...NO_KEY, backspace: true }];
    // Ctrl-A..Ctrl-Z arrive as 0x01..0x1a; Ink names them by their letter with ctrl set.
    const code = char.codePointAt(0)!;
    if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
    return [char, { ...NO_KEY, shift: char !== char.toLowerCase() }];
  });
}

export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  useInput(
    (input, key) => {
      for (const [single, singleKey] of splitBurst(input, key)) handler(single, singleKey);
    },
    options,
  );
}
