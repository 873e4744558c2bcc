/**
 * The App's view of its panes: each pane's latest controls (handed over as each render commits;
 * a key reads the visible pane's), where Esc goes back to, and the status line they make.
 */
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useLatest } from '../hooks/useLatest.js';
import { helpHint, hintsOf, type Handlers, type KeyTarget } from '../keys/dispatch.js';
import type { NavigationTarget, PaneControls, PaneKey } from '../navigation.js';

interface HistoryEntry {
  from: PaneKey;
  to: PaneKey;
  restore: () => void;
}

export interface Status {
  where: string;
  hints: string[];
  help: string;
}

export interface PaneRegistry {
  /** The visible pane's controls, as of its last render. */
  visible: () => PaneControls | undefined;
  /** The key target of a pane's controls (none: only keys that work anywhere). */
  targetOf: (controls: PaneControls | undefined) => KeyTarget;
  /** Opens another pane on a selection, remembering how to come back. */
  navigate: (target: NavigationTarget) => void;
  /** Esc back to where the last navigation came from; false when it did not come to this pane. */
  back: () => boolean;
  /** Keeps a pane's latest controls. */
  register: (pane: PaneKey, controls: () => PaneControls) => void;
}

export function usePaneRegistry(tabRef: RefObject<PaneKey>, setTab: (pane: PaneKey) => void): PaneRegistry {
  const controlsOf = useRef(new Map<PaneKey, () => PaneControls>());
  // Where Esc goes back to: pushed when a selection opens another pane, popped by Esc there.
  const history = useRef<HistoryEntry[]>([]);

  const visible = (): PaneControls | undefined => controlsOf.current.get(tabRef.current)?.();
  const targetOf = (controls: PaneControls | undefined): KeyTarget => {
    const back = history.current.at(-1)?.to === tabRef.current;
    if (!controls) return { field: null, layers: [], conditions: { 'field-empty': true, history: back } };
    return {
      field: controls.field,
      layers: controls.layers,
      conditions: { 'field-empty': (controls.field?.editor.current() ?? '') === '', history: back, ...controls.conditions },
    };
  };
  const navigate = useCallback(
    (target: NavigationTarget) => {
      const from = tabRef.current;
      const restore = controlsOf.current.get(from)?.().capture();
      if (restore) history.current.push({ from, to: target.pane, restore });
      setTab(target.pane);
      controlsOf.current.get(target.pane)?.().open(target);
    },
    [setTab, tabRef],
  );
  const back = (): boolean => {
    const top = history.current.at(-1);
    if (!top || top.to !== tabRef.current) return false;
    history.current.pop();
    setTab(top.from);
    top.restore();
    return true;
  };
  const register = useCallback((pane: PaneKey, controls: () => PaneControls) => {
    controlsOf.current.set(pane, controls);
  }, []);
  return { visible, targetOf, navigate, back, register };
}

/**
 * The status line of the visible pane (where, its key hints, the way to the help), and what each
 * pane calls as its render commits: the status line follows the latest controls.
 */
export function useStatusLine(
  registry: PaneRegistry,
  tabRef: RefObject<PaneKey>,
  global: Handlers,
  inspect?: (pane: PaneKey, controls: () => PaneControls) => void,
): { status: Status; refreshStatus: () => void; controls: (pane: PaneKey, controls: () => PaneControls) => void } {
  const [status, setStatus] = useState<Status>({ where: 'Search', hints: [], help: '? help' });
  const refreshStatus = (): void => {
    const controls = registry.visible();
    if (!controls) return;
    const target = registry.targetOf(controls);
    const next = { where: controls.where, hints: controls.note ? [controls.note] : hintsOf(target, global), help: helpHint(target) };
    setStatus((previous) =>
      previous.where === next.where && previous.help === next.help && previous.hints.join('\n') === next.hints.join('\n') ? previous : next,
    );
  };
  const refreshLatest = useLatest(refreshStatus);
  const { register } = registry;
  const controls = useCallback(
    (pane: PaneKey, next: () => PaneControls) => {
      register(pane, next);
      inspect?.(pane, next);
      // After the render that produced them: the status line reads the hints of the latest controls.
      if (pane === tabRef.current) queueMicrotask(() => refreshLatest.current());
    },
    [register, tabRef, inspect, refreshLatest],
  );
  return { status, refreshStatus, controls };
}
