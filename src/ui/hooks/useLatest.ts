/**
 * The latest committed value of something a key handler reads: handlers run between renders, so
 * they read it from here rather than from the render that made them. React does not allow writing
 * a ref during render; an insertion effect writes it while the render is committed, before Ink
 * writes the frame (a key can arrive as the frame is written, before layout effects run).
 */
import { useInsertionEffect, useRef } from 'react';

export function useLatest<T>(value: T): { readonly current: T } {
  const latest = useRef(value);
  useInsertionEffect(() => {
    latest.current = value;
  });
  return latest;
}
