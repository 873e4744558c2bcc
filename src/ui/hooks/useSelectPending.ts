/**
 * Coming back to a place selects what was selected there by identity, never by index: the item is
 * pending until the list that holds it is in (`ready`), then selected (when still listed) and forgotten.
 */
import { useEffect } from 'react';

export function useSelectPending<Item>(
  pending: Item | null,
  setPending: (item: null) => void,
  ready: boolean,
  indexOf: (item: Item) => number,
  select: (index: number) => void,
): void {
  useEffect(() => {
    if (pending === null || !ready) return;
    const at = indexOf(pending);
    setPending(null);
    if (at !== -1) select(at);
  }, [pending, setPending, ready, indexOf, select]);
}
