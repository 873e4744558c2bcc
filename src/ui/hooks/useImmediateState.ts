/**
 * State whose latest value key handlers can read at once. Ink hands every key of one burst
 * (fast typing, a paste, a slow link) to the handlers before React draws again, so a handler
 * that reads plain state would act on the second key with the first key's result unseen.
 */
import { useCallback, useRef, useState, type RefObject } from 'react';

export function useImmediateState<T>(initial: T): [T, RefObject<T>, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const latest = useRef(initial);
  const set = useCallback((next: T) => {
    latest.current = next;
    setValue(next);
  }, []);
  return [value, latest, set];
}
