/** Search's keys: the query, the results, the reader and its find, and how to come back to a place. */
import { queryNotes } from '../../../core/query.js';
import type { ResultList } from '../../hooks/useSearch.js';
import type { LineEditor } from '../../hooks/useLineEditor.js';
import type { ListNavigation } from '../../hooks/useListNavigation.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import type { KeyLayer } from '../../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem, keepPlace } from '../../keys/paneKeys.js';
import type { NavigationTarget, PaneControls } from '../../navigation.js';
import type { SearchReader } from './useReader.js';

export type SearchArea = 'query' | 'results' | 'reader' | 'find';
const AREAS: readonly SearchArea[] = ['query', 'results', 'reader'];

export interface SearchKeys {
  workspace: Workspace;
  separator: string;
  area: { current: SearchArea };
  setArea: (area: SearchArea) => void;
  editor: LineEditor;
  find: LineEditor;
  results: ResultList;
  /** The query the results answer. */
  answered: string;
  navigation: ListNavigation;
  reader: SearchReader;
  /** Selects a passage by identity once the results of the restored query are in. */
  setPendingSelect: (passageId: number | null) => void;
  navigate: (target: NavigationTarget) => void;
}

function readerLayers(keys: SearchKeys, paneLayer: KeyLayer): Record<'reader' | 'find', KeyLayer[]> {
  const { reader, setArea, find } = keys;
  return {
    reader: movingArea(
      'search.reader',
      {
        find: () => setArea('find'),
        'next-match': () => reader.nextMatch(1),
        'previous-match': () => reader.nextMatch(-1),
        close: (_, conditions) => {
          // Sent from another pane: Esc goes back there.
          if (reader.readingLatest.current?.sent && conditions.history) return false;
          setArea('results');
          return true;
        },
      },
      reader.scroll.handlers,
      paneLayer,
    ),
    find: [
      {
        scope: 'search.find',
        handlers: {
          submit: () => {
            setArea('reader');
            reader.nextMatch(1);
          },
          'leave-field': () => {
            find.set('');
            setArea('reader');
          },
        },
      },
      paneLayer,
    ],
  };
}

function searchLayers(keys: SearchKeys): Record<SearchArea, KeyLayer[]> {
  const { area, setArea, editor, results, navigation, reader, workspace } = keys;
  const openReader = (passageId: number, sent: boolean): void => {
    reader.open({ passageId, sent });
    setArea('reader');
  };
  const compare = (passageId: number | undefined): boolean => {
    const passage = passageId === undefined ? undefined : workspace.corpus.passages[passageId];
    if (!passage) return false;
    keys.navigate({ pane: 'compare', claim: passage.text, passageId: passage.id });
    return true;
  };
  const paneLayer: KeyLayer = {
    scope: 'search',
    handlers: {
      compare: () => compare(area.current === 'reader' || area.current === 'find' ? reader.readingLatest.current?.passageId : results.at(navigation.current())?.passage.id),
      'focus-field': () => setArea('query'),
    },
  };
  return {
    query: [filterFieldLayer('search.query', editor, () => setArea('results')), paneLayer],
    results: movingArea(
      'search.results',
      {
        read: onItem(() => results.at(navigation.current()), (hit) => openReader(hit.passage.id, false)),
        'focus-field': () => setArea('query'),
      },
      navigation.handlers,
      paneLayer,
    ),
    ...readerLayers(keys, paneLayer),
  };
}

/** The controls of the focused area, read when a key arrives (a key of the same burst may have moved it). */
export function searchControls(keys: SearchKeys): PaneControls {
  const { area, setArea, editor, find, results, navigation, reader } = keys;
  return {
    ...areaControls({
      name: 'Search',
      separator: keys.separator,
      areaRef: area,
      setArea,
      cycle: reader.readingLatest.current ? AREAS : AREAS.filter((candidate) => candidate !== 'reader'),
      layers: searchLayers(keys),
      fields: { query: { editor, moves: navigation.handlers }, find: { editor: find, moves: reader.scroll.handlers } },
      pasteArea: area.current === 'find' ? 'find' : 'query',
    }),
    // A query cut to bound its work says so in the status line, in place of the key hints.
    note: queryNotes(keys.answered).join('; '),
    // Coming back to a find, the reader is shown (the find's words are not kept).
    capture: keepPlace(
      editor,
      () => (area.current === 'find' ? 'reader' : area.current),
      setArea,
      () => ({ selected: results.at(navigation.current())?.passage.id ?? null, reading: reader.readingLatest.current, scroll: reader.scroll.current() }),
      (kept) => {
        keys.setPendingSelect(kept.selected);
        reader.setReading(kept.reading);
      },
      (kept) => reader.scroll.set(kept.scroll),
    ),
    selection: () => {
      const passageId = reader.readingLatest.current?.passageId ?? results.at(navigation.current())?.passage.id;
      const passage = passageId === undefined ? undefined : keys.workspace.corpus.passages[passageId];
      return passage ? { kind: 'passage', passage } : null;
    },
    open: (target) => {
      if (target.pane !== 'search') return;
      reader.open({ passageId: target.passageId, sent: true });
      setArea('reader');
    },
  };
}
