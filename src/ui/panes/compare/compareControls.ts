/** Compare's keys: the claim line, the comparison view, and how to come back to a place. */
import type { Comparison } from '../../../core/compare/types.js';
import type { LineEditor } from '../../hooks/useLineEditor.js';
import type { ScrollView } from '../../hooks/useListNavigation.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import type { KeyLayer } from '../../keys/dispatch.js';
import { areaControls, keepPlace } from '../../keys/paneKeys.js';
import type { NavigationTarget, PaneControls } from '../../navigation.js';

export type CompareArea = 'claim' | 'view';
const AREAS: readonly CompareArea[] = ['claim', 'view'];

/** What is compared: a claim, the passage it came from, and the story to look in. */
export interface CompareTarget {
  claim: string;
  passageId?: number;
  story?: string | null;
}

export interface CompareKeys {
  workspace: Workspace;
  separator: string;
  area: { readonly current: CompareArea };
  setArea: (area: CompareArea) => void;
  editor: LineEditor;
  comparison: { readonly current: Comparison | null };
  target: { readonly current: CompareTarget | null };
  setTarget: (target: CompareTarget | null) => void;
  reference: { readonly current: string | undefined };
  setReference: (reference: string | undefined) => void;
  /** Compares anew: the reference chosen again, the view at its top. */
  open: (target: CompareTarget) => void;
  /** n / p: the next (1) or previous (-1) claim of the story, once its claims map is built. */
  step: (step: 1 | -1) => void;
  scroll: ScrollView;
  navigate: (target: NavigationTarget) => void;
}

function compareLayers(keys: CompareKeys): Record<CompareArea, KeyLayer[]> {
  const { workspace, setArea, editor, open } = keys;
  const withComparison = (act: (current: Comparison) => boolean | void): (() => boolean) => () => {
    const current = keys.comparison.current;
    return current ? act(current) !== false : false;
  };
  const paneLayer: KeyLayer = {
    scope: 'compare',
    handlers: {
      'focus-field': () => setArea('claim'),
      'next-story': withComparison((current) => {
        const stories = workspace.corpus.stories;
        if (stories.length === 0 || !keys.target.current) return false;
        open({ claim: keys.target.current.claim, story: stories[(stories.indexOf(current.story ?? '') + 1) % stories.length]! });
      }),
    },
  };
  const claimLayer: KeyLayer = {
    scope: 'compare.claim',
    handlers: {
      submit: () => {
        const claim = editor.current().trim();
        if (claim === '') return false;
        open({ claim });
        return true;
      },
      'leave-field': () => {
        if (keys.comparison.current) setArea('view');
        else if (editor.current() !== '') editor.set('');
        else return false;
        return true;
      },
    },
  };
  const viewLayer: KeyLayer = {
    scope: 'compare.view',
    handlers: {
      read: withComparison((current) => {
        const passage = current.sources.find((version) => version.source === current.reference)?.passages[0];
        if (!passage) return false;
        keys.navigate({ pane: 'search', passageId: passage.id });
      }),
      'next-reference': withComparison((current) => {
        const carriers = current.sources.filter((version) => version.carried).map((version) => version.source);
        if (carriers.length < 2) return false;
        keys.setReference(carriers[(carriers.indexOf(current.reference ?? '') + 1) % carriers.length]);
      }),
      'next-claim': withComparison(() => keys.step(1)),
      'previous-claim': withComparison(() => keys.step(-1)),
    },
  };
  return { claim: [claimLayer, paneLayer], view: [viewLayer, { scope: 'move', handlers: keys.scroll.handlers }, paneLayer] };
}

/** The controls of the focused area, read when a key arrives (a key of the same burst may have moved it). */
export function compareControls(keys: CompareKeys): PaneControls {
  const { area, setArea, editor, scroll } = keys;
  return {
    ...areaControls({
      name: 'Compare',
      separator: keys.separator,
      areaRef: area,
      setArea,
      cycle: AREAS,
      layers: compareLayers(keys),
      fields: { claim: { editor, moves: scroll.handlers } },
      pasteArea: 'claim',
    }),
    selection: () => (keys.comparison.current ? { kind: 'comparison', comparison: keys.comparison.current } : null),
    capture: keepPlace(
      editor,
      () => area.current,
      setArea,
      () => ({ target: keys.target.current, reference: keys.reference.current, scroll: scroll.current() }),
      (kept) => {
        keys.setTarget(kept.target);
        keys.setReference(kept.reference);
      },
      (kept) => scroll.set(kept.scroll),
    ),
    open: (next) => {
      if (next.pane !== 'compare') return;
      editor.set(next.claim);
      keys.open({ claim: next.claim, ...(next.passageId !== undefined ? { passageId: next.passageId } : {}) });
    },
  };
}
