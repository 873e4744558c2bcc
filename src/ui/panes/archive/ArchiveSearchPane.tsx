/**
 * Pane 1 on an archive (`--db`): the same query line, result rows, preview and reader as Search,
 * the results asked of the archive in the background (hooks/useArchiveSearch.ts) and the selected
 * result's document loaded on its own for its context (useArchiveDocument.ts).
 */
import { Text } from 'ink';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { neutralize } from '../../../core/sanitize.js';
import { isBlankQuery } from '../../../core/query.js';
import type { DocumentInfo } from '../../../core/searchService.js';
import { Workspace } from '../../../core/workspace.js';
import { useArchiveSetting, type ArchiveSetting } from '../../app/archiveContext.js';
import { Preview } from '../../components/Preview.js';
import { PromptLine } from '../../components/PromptLine.js';
import { archiveStatusNote, useArchiveSearch, type ArchiveSearchState } from '../../hooks/useArchiveSearch.js';
import { useImmediateState } from '../../hooks/useImmediateState.js';
import { useLineEditor } from '../../hooks/useLineEditor.js';
import { useListNavigation, useSelection } from '../../hooks/useListNavigation.js';
import { usePaneControls } from '../../hooks/usePaneControls.js';
import type { ResultList as Results } from '../../hooks/useSearch.js';
import type { NavigationTarget } from '../../navigation.js';
import { fit } from '../../text.js';
import { useTheme } from '../../theme.js';
import type { PaneProps } from '../paneProps.js';
import { ReaderView, SearchBody, searchLayout } from '../SearchPane.js';
import { ResultList } from '../search/ResultList.js';
import { searchControls, type SearchArea } from '../search/searchControls.js';
import { useReader, type Reading, type SearchReader } from '../search/useReader.js';
import { useArchiveDocument, type LocalHit } from './useArchiveDocument.js';

/** The documents of an answer, for the rows' labels (no text, no passages: the archive holds them). */
function answerWorkspace(documents: ReadonlyMap<string, DocumentInfo>): Workspace {
  return new Workspace({ root: '', documents: [...documents.values()].map((document) => ({ ...document, text: '' })), passages: [], warnings: [], stories: [], ignoredFiles: 0 });
}

/** The results with the selected one numbered as its document's workspace numbers it (what the reader and the keys read). */
function withLocal(results: Results, selected: number, local: LocalHit | null): Results {
  return { length: results.length, at: (index) => (index === selected && local ? local.hit : results.at(index)) };
}

/**
 * The reader on the selected result's document, or on the story's workspace for a passage another
 * pane sent. Opening waits one render, so the reader lays the passage out in the workspace it shows.
 */
function useArchiveReader(local: LocalHit | null, sentFrom: Workspace, width: number, height: number, find: ReturnType<typeof useLineEditor>, area: SearchArea): SearchReader & { shown: Workspace } {
  const [sent, setSent] = useState(false);
  const [opening, setOpening] = useState<Reading | null>(null);
  // The results' keys read the selected result's document; only the reader shows a sent passage.
  const shown = sent && (area === 'reader' || area === 'find') ? sentFrom : (local?.workspace ?? sentFrom);
  const reader = useReader(shown, width, height, find);
  const { open, readingLatest } = reader;
  useEffect(() => {
    if (opening) open(opening);
  }, [opening, open]);
  // Read before its document came: the reader moves to the whole document once it is there.
  const localId = local?.hit.passage.id;
  const whole = local?.whole ?? false;
  useEffect(() => {
    const reading = readingLatest.current;
    if (whole && localId !== undefined && reading && !reading.sent && (area === 'reader' || area === 'find') && reading.passageId !== localId) open({ passageId: localId, sent: false });
  }, [whole, localId, area, readingLatest, open]);
  return {
    ...reader,
    shown,
    open: (reading) => {
      setSent(reading.sent);
      setOpening(reading);
    },
  };
}

/**
 * Passage numbers are the shown document's own here: Compare gets the claim and, when the passage
 * belongs to a story, its place, for the App to load the story and anchor the comparison there.
 */
function inItsStory(shown: Workspace, { claim, passageId }: Extract<NavigationTarget, { pane: 'compare' }>): NavigationTarget {
  const passage = passageId === undefined ? undefined : shown.corpus.passages[passageId];
  if (!passage || passage.story === null) return { pane: 'compare', claim };
  return { pane: 'compare', claim, inStory: { story: passage.story, source: passage.source, line: passage.line, text: passage.text } };
}

function useQueryLine(search: ArchiveSearchState, text: string): { counter: string; note: string | null } {
  const theme = useTheme();
  const pending = search.answered !== text;
  const count = search.error ? 'query error' : isBlankQuery(text) ? '' : `${search.results.length}${search.more ? '+' : ''}`;
  return { counter: `${pending ? theme.glyphs.ellipsis : ''}${count}`, note: archiveStatusNote(search.status, theme.glyphs.ellipsis) };
}

export function ArchiveSearchPane(props: PaneProps): ReactNode {
  const setting = useArchiveSetting();
  return setting ? <ArchiveSearch {...props} archive={setting.archive} timers={setting.timers} seen={setting.seen} /> : null;
}

function ArchiveSearch({ workspace, width, height, active, controls, navigate, archive, timers, seen }: PaneProps & Pick<ArchiveSetting, 'archive' | 'timers' | 'seen'>): ReactNode {
  const theme = useTheme();
  const [area, areaLatest, setArea] = useImmediateState<SearchArea>('query');
  const [, , setPendingSelect] = useImmediateState<number | null>(null);
  const selection = useSelection();
  const editor = useLineEditor('', () => selection.set(0));
  const layout = searchLayout(width, height);
  const search = useArchiveSearch(archive, editor.text, timers);
  const find = useLineEditor();
  const navigation = useListNavigation(search.results.length, layout.listHeight, selection);
  const local = useArchiveDocument(archive, search.results.at(navigation.selected), search.documents);
  const reader = useArchiveReader(local, workspace, Math.max(1, width - 2), layout.bodyHeight - (area === 'find' ? 1 : 0), find, area);
  const labels = useMemo(() => answerWorkspace(search.documents), [search.documents]);
  const results = withLocal(search.results, navigation.selected, local);
  const toPane = (target: NavigationTarget): void => navigate(target.pane === 'compare' ? inItsStory(reader.shown, target) : target);
  const { counter, note } = useQueryLine(search, editor.text);
  usePaneControls('search', controls, () => {
    const keys = searchControls({ workspace: reader.shown, separator: theme.glyphs.separator, area: areaLatest, setArea, editor, find, results, answered: search.answered, navigation, reader, setPendingSelect, navigate: toPane });
    return note === null ? keys : { ...keys, note };
  });
  // The evidence keys cite the selected passage's document: the App is told of it.
  useEffect(() => {
    for (const document of reader.shown.documents.values()) seen.set(document.source, document);
  }, [reader.shown, seen]);

  const queryLine = <PromptLine editor={editor} focused={active && area === 'query'} placeholder="search the archive (? help)" counter={counter} warning={search.error !== null} width={width} />;
  if ((area === 'reader' || area === 'find') && reader.passage && reader.article) {
    return <ReaderView workspace={reader.shown} reader={reader} find={find} finding={area === 'find'} active={active} queryLine={queryLine} width={width} height={height} />;
  }
  const { listWidth, listHeight } = layout;
  // Before the first answer: what is being asked, not "nothing matches".
  const waiting = isBlankQuery(search.answered) ? (isBlankQuery(editor.text) ? `Type to search the archive at ${archive.shown}.` : `Searching the archive for "${editor.text.trim()}"${theme.glyphs.ellipsis}`) : null;
  return (
    <SearchBody layout={layout} width={width} height={height} queryLine={queryLine}
      list={
        waiting !== null ? (
          <Text wrap="truncate-end">{fit(neutralize(waiting, { ascii: theme.ascii }), listWidth, theme.glyphs.ellipsis)}</Text>
        ) : (
          <ResultList workspace={labels} passageIndex={null} results={search.results} answered={search.answered} error={search.error} offset={navigation.offset} selected={navigation.selected} width={listWidth} height={listHeight} />
        )
      }
      preview={<Preview workspace={local?.workspace ?? labels} hit={local?.hit} width={layout.previewWidth} height={layout.previewHeight} scroll={0} focused={false} />}
    />
  );
}
