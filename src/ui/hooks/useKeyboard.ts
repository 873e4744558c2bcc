/**
 * The workbench's one subscription to the keyboard: Ink's input events, read as named keys and
 * pastes (keys/read.ts). Ink's own useInput cannot tell a paste from typing, nor Ctrl-J from Enter.
 */
import { useStdin } from 'ink';
import { useEffect, useEffectEvent } from 'react';
import { KeyReader, type KeyEvent } from '../keys/read.js';

export function useKeyboard(handler: (event: KeyEvent) => void): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  // Always the latest render's handler, though the subscription is made once.
  const onKey = useEffectEvent(handler);
  useEffect(() => {
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode]);
  useEffect(() => {
    const reader = new KeyReader();
    const onInput = (data: string): void => {
      for (const event of reader.read(data)) onKey(event);
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
    };
  }, [events]);
}
