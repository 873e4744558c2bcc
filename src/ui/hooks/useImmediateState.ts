/**
 * State whose latest value key handlers can read at once. Ink hands every key of one burst
 * (fast typing, a paste, a slow link) to the handlers before React draws again, so a handler
 * that reads plain state would act on the second key with the first key's result unseen.
 */
import { useCallback, useRef, useState, type MutableRefObject } from 'react';

export function useImmediateState<T>(initial: T): [T, MutableRefObject<T>, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return [value, ref, set];
}
