/** Quotes' keys: the filter, the groups, one group's sources, and how to come back to a place. */
import { queryNotes } from '../../../core/query.js';
import type { Quote, QuoteGroup } from '../../../core/quotes/types.js';
import type { Passage } from '../../../core/types.js';
import type { LineEditor } from '../../hooks/useLineEditor.js';
import type { ListNavigation } from '../../hooks/useListNavigation.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import type { Handlers, KeyLayer } from '../../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem, keepPlace } from '../../keys/paneKeys.js';
import type { NavigationTarget, PaneControls } from '../../navigation.js';

export type QuotesArea = 'query' | 'groups' | 'sources';
const AREAS: readonly QuotesArea[] = ['query', 'groups', 'sources'];

/** State with its latest value (for keys) and its setter. */
interface Latest<T> {
  current: T;
}

export interface QuotesKeys {
  workspace: Workspace;
  separator: string;
  area: Latest<QuotesArea>;
  setArea: (area: QuotesArea) => void;
  editor: LineEditor;
  navigation: ListNavigation;
  /** The selected group, as drawn. */
  group: QuoteGroup | undefined;
  allKinds: Latest<boolean>;
  setAllKinds: (allKinds: boolean) => void;
  /** The selected source of the group, in the sources area. */
  member: Latest<number>;
  setMember: (member: number) => void;
  setPendingGroup: (group: Quote | null) => void;
  /** The query the groups shown answer. */
  answered: string;
  navigate: (target: NavigationTarget) => void;
}

/** The passage holding a quote's opening mark, so Search can show it in context. */
export function passageOf(workspace: Workspace, quote: Quote): Passage | undefined {
  let found: Passage | undefined;
  for (const passage of workspace.corpus.passages) {
    if (passage.source !== quote.source) {
      if (found) break;
      continue;
    }
    if (passage.start <= quote.span.openMark) found = passage;
    else break;
  }
  return found;
}

function quotesLayers(keys: QuotesKeys): Record<QuotesArea, KeyLayer[]> {
  const { workspace, area, setArea, editor, navigation, group, member, setMember, navigate } = keys;
  /** Compare opens on the quote's words, anchored on the passage that carries them. */
  const compare = (quote: Quote | undefined): boolean => {
    if (!quote) return false;
    const passage = passageOf(workspace, quote);
    navigate({ pane: 'compare', claim: quote.text, ...(passage ? { passageId: passage.id } : {}) });
    return true;
  };
  const members = group?.members ?? [];
  const memberHandlers: Handlers = {
    up: () => setMember(Math.max(0, member.current - 1)),
    down: () => setMember(Math.max(0, Math.min(members.length - 1, member.current + 1))),
    first: () => setMember(0),
    last: () => setMember(Math.max(0, members.length - 1)),
  };
  const paneLayer: KeyLayer = {
    scope: 'quotes',
    handlers: {
      compare: () => compare(area.current === 'sources' ? members[member.current]?.quote : group?.reference),
      'focus-field': () => setArea('query'),
    },
  };
  return {
    query: [filterFieldLayer('quotes.query', editor, () => setArea('groups')), paneLayer],
    groups: movingArea(
      'quotes.groups',
      {
        open: onItem(() => group, () => setArea('sources')),
        'toggle-terms': () => {
          keys.setAllKinds(!keys.allKinds.current);
          navigation.select(0);
        },
        'focus-field': () => setArea('query'),
      },
      navigation.handlers,
      paneLayer,
    ),
    sources: movingArea(
      'quotes.sources',
      {
        read: onItem(
          () => {
            const selected = members[member.current];
            return selected ? passageOf(workspace, selected.quote) : undefined;
          },
          (passage) => navigate({ pane: 'search', passageId: passage.id }),
        ),
        close: () => setArea('groups'),
      },
      memberHandlers,
      paneLayer,
    ),
  };
}

/** The controls of the focused area, read when a key arrives (a key of the same burst may have moved it). */
export function quotesControls(keys: QuotesKeys): PaneControls {
  const { area, setArea, editor, navigation, allKinds, member } = keys;
  return {
    ...areaControls({
      name: 'Quotes',
      separator: keys.separator,
      areaRef: area,
      setArea,
      cycle: AREAS,
      layers: quotesLayers(keys),
      fields: { query: { editor, moves: navigation.handlers } },
      pasteArea: 'query',
    }),
    // A filter cut to bound its work says so in the status line, in place of the key hints.
    note: queryNotes(keys.answered).join('; '),
    selection: () => {
      const { group } = keys;
      if (!group) return null;
      const chosen = area.current === 'sources' ? group.members[member.current]?.quote : undefined;
      return chosen ? { kind: 'quote', quote: chosen, speaker: chosen.speaker } : { kind: 'quote', quote: group.reference, speaker: group.speaker };
    },
    capture: keepPlace(
      editor,
      () => area.current,
      setArea,
      () => ({ allKinds: allKinds.current, group: keys.group?.reference ?? null, member: member.current }),
      (kept) => {
        keys.setAllKinds(kept.allKinds);
        keys.setPendingGroup(kept.group);
      },
      (kept) => keys.setMember(kept.member),
    ),
    open: (target) => {
      if (target.pane !== 'quotes') return;
      editor.set(target.query ?? '');
      navigation.select(0);
      setArea('groups');
    },
  };
}
