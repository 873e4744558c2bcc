/** Claims' keys: the filter, the list of claims, the source picker, and how to come back to a place. */
import type { Claim } from '../../../core/compare/types.js';
import type { LineEditor } from '../../hooks/useLineEditor.js';
import type { ListNavigation } from '../../hooks/useListNavigation.js';
import type { KeyLayer } from '../../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem, keepPlace } from '../../keys/paneKeys.js';
import type { NavigationTarget, PaneControls } from '../../navigation.js';

export type ClaimsArea = 'filter' | 'list' | 'sources';
const AREAS: readonly ClaimsArea[] = ['filter', 'list'];

/** A piece of state: its latest value (for keys) and its setter. */
interface Setting<T> {
  latest: { readonly current: T };
  set: (value: T) => void;
}

export interface ClaimsKeys {
  separator: string;
  area: Setting<ClaimsArea>;
  story: Setting<string | null>;
  onlySource: Setting<string | null>;
  conflictsOnly: Setting<boolean>;
  filter: LineEditor;
  /** The claims listed, as drawn. */
  claims: readonly Claim[];
  navigation: ListNavigation;
  /** The sources a picker offers (each makes a claim alone), and the picker's selection. */
  soleSources: ReadonlyArray<{ source: string }>;
  picker: ListNavigation;
  /** h / l: a screenful of source columns left (-1) or right (1); undefined when all fit. */
  scrollColumns: ((step: 1 | -1) => void) | undefined;
  /** Selects a claim by its id once the list is back. */
  setPendingClaim: (id: number | null) => void;
  navigate: (target: NavigationTarget) => void;
}

function paneLayerOf(keys: ClaimsKeys): KeyLayer {
  const { navigation, area, onlySource, conflictsOnly } = keys;
  return {
    scope: 'claims',
    handlers: {
      'conflicts-only': () => {
        conflictsOnly.set(!conflictsOnly.latest.current);
        navigation.select(0);
      },
      'only-source': () => {
        if (onlySource.latest.current !== null) {
          onlySource.set(null);
          navigation.select(0);
        } else area.set('sources');
      },
      'focus-field': () => area.set('filter'),
    },
  };
}

function claimsLayers(keys: ClaimsKeys): Record<ClaimsArea, KeyLayer[]> {
  const { area, claims, navigation, picker, scrollColumns } = keys;
  const paneLayer = paneLayerOf(keys);
  return {
    filter: [filterFieldLayer('claims.filter', keys.filter, () => area.set('list')), paneLayer],
    list: movingArea(
      'claims.list',
      {
        compare: onItem(() => claims[navigation.current()], (claim) => keys.navigate({ pane: 'compare', claim: claim.summary, passageId: claim.anchor.id })),
        // Only when more sources carry claims than fit: the hint shows only then.
        ...(scrollColumns ? { 'columns-left': () => scrollColumns(-1), 'columns-right': () => scrollColumns(1) } : {}),
      },
      navigation.handlers,
      paneLayer,
    ),
    sources: [
      {
        scope: 'claims.sources',
        handlers: {
          submit: onItem(
            () => keys.soleSources[picker.current()],
            (chosen) => {
              keys.onlySource.set(chosen.source);
              navigation.select(0);
              area.set('list');
            },
          ),
          close: () => area.set('list'),
        },
      },
      { scope: 'move', handlers: picker.handlers },
    ],
  };
}

/** The controls of the focused area, read when a key arrives (a key of the same burst may have moved it). */
export function claimsControls(keys: ClaimsKeys): PaneControls {
  const { area, story, filter, onlySource, conflictsOnly, navigation } = keys;
  return {
    ...areaControls({
      name: 'Claims',
      separator: keys.separator,
      areaRef: area.latest,
      setArea: area.set,
      cycle: AREAS,
      layers: claimsLayers(keys),
      fields: { filter: { editor: filter, moves: navigation.handlers } },
      pasteArea: 'filter',
    }),
    where: `Claims ${keys.separator} ${story.latest.current ?? 'corpus'}`,
    selection: () => {
      const claim = keys.claims[keys.navigation.current()];
      return claim ? { kind: 'passage', passage: claim.anchor } : null;
    },
    capture: keepPlace(
      filter,
      () => area.latest.current,
      area.set,
      () => ({ story: story.latest.current, onlySource: onlySource.latest.current, conflictsOnly: conflictsOnly.latest.current, selected: keys.claims[navigation.current()]?.id ?? null }),
      (kept) => {
        story.set(kept.story);
        onlySource.set(kept.onlySource);
        conflictsOnly.set(kept.conflictsOnly);
        keys.setPendingClaim(kept.selected);
      },
    ),
    open: (target) => {
      if (target.pane === 'claims' && target.story !== undefined) {
        story.set(target.story);
        navigation.select(0);
      }
      area.set('list');
    },
  };
}
