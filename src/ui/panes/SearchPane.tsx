/** Pane 1, Search: the query line, ranked results with matches highlighted, and a preview. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { Preview } from '../components/Preview.js';
import { PromptLine } from '../components/PromptLine.js';
import { Reader } from '../components/Reader.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor, type LineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation, useSelection } from '../hooks/useListNavigation.js';
import { usePaneControls } from '../hooks/usePaneControls.js';
import { useSearch, useWarmIndex, type ResultList as Results } from '../hooks/useSearch.js';
import { useShared } from '../hooks/useSlicedJob.js';
import { useSelectPending } from '../hooks/useSelectPending.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import { fit, highlightSegments, plural, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';
import { ResultList } from './search/ResultList.js';
import { searchControls, type SearchArea } from './search/searchControls.js';
import { useReader, type SearchReader } from './search/useReader.js';

/** Columns from which the preview sits beside the results instead of below them. */
const SIDE_BY_SIDE_WIDTH = 120;

/** Where a passage is in the results, or -1. */
function indexOfPassage(results: Results, passageId: number): number {
  for (let index = 0; index < results.length; index++) if (results.at(index)?.passage.id === passageId) return index;
  return -1;
}

export function searchLayout(width: number, height: number) {
  const sideBySide = width >= SIDE_BY_SIDE_WIDTH;
  const bodyHeight = height - 1;
  const listWidth = sideBySide ? Math.floor(width * 0.55) : width;
  const listHeight = sideBySide ? bodyHeight : Math.max(3, Math.floor(bodyHeight * 0.5));
  return { sideBySide, bodyHeight, listWidth, listHeight, previewWidth: sideBySide ? width - listWidth - 1 : width, previewHeight: sideBySide ? bodyHeight : bodyHeight - listHeight - 1 };
}

export function SearchPane({ workspace, width, height, active, controls, navigate, typedAhead }: PaneProps): ReactNode {
  const theme = useTheme();
  const [area, areaLatest, setArea] = useImmediateState<SearchArea>('query');
  // A passage to select once the results of the current query are in: chosen by identity, never by index.
  const [pendingSelect, , setPendingSelect] = useImmediateState<number | null>(null);
  const selection = useSelection();
  const editor = useLineEditor(typedAhead, () => {
    // A new query starts at the top; results arriving later keep whatever the user selected since.
    setPendingSelect(null);
    selection.set(0);
  });
  // Built (or read from the cache's parts) once the pane is first drawn, then warmed; every passage is listed meanwhile.
  const passageIndex = useWarmIndex(useShared(workspace.passageIndex(), true), editor.text);
  const layout = searchLayout(width, height);
  // A row past the screen too, so the first Down already has its result.
  const search = useSearch(passageIndex, workspace.corpus.passages, editor.text, layout.listHeight + 1);
  const find = useLineEditor();
  const navigation = useListNavigation(search.results.length, layout.listHeight, selection);
  const { results } = search;
  useSelectPending(pendingSelect, setPendingSelect, search.answered === editor.text, (passageId) => indexOfPassage(results, passageId), navigation.select);
  const reader = useReader(workspace, Math.max(1, width - 2), layout.bodyHeight - (area === 'find' ? 1 : 0), find);

  usePaneControls('search', controls, () =>
    searchControls({ workspace, separator: theme.glyphs.separator, area: areaLatest, setArea, editor, find, results: search.results, answered: search.answered, navigation, reader, setPendingSelect, navigate }),
  );

  // Also while search is not ready: the counter's ellipsis says so even with nothing typed.
  const pending = search.answered !== editor.text || !passageIndex;
  const count = search.error ? 'query error' : `${search.results.length}${search.more ? '+' : ''}/${workspace.corpus.passages.length}`;
  const queryLine = (
    <PromptLine editor={editor} focused={active && area === 'query'} placeholder="search passages (? help)" counter={`${pending ? theme.glyphs.ellipsis : ''}${count}`} warning={search.error !== null} width={width} />
  );
  if ((area === 'reader' || area === 'find') && reader.passage && reader.article) {
    return <ReaderView workspace={workspace} reader={reader} find={find} finding={area === 'find'} active={active} queryLine={queryLine} width={width} height={height} />;
  }
  const { listWidth, listHeight } = layout;
  return (
    <SearchBody layout={layout} width={width} height={height} queryLine={queryLine}
      list={<ResultList workspace={workspace} passageIndex={passageIndex} results={search.results} answered={search.answered} error={search.error} offset={navigation.offset} selected={navigation.selected} width={listWidth} height={listHeight} />}
      preview={<Preview workspace={workspace} hit={search.results.at(navigation.selected)} width={layout.previewWidth} height={layout.previewHeight} scroll={0} focused={false} />}
    />
  );
}

/** The query line over the results and the preview, side by side on a wide screen, else one over the other. */
export function SearchBody({ layout, width, height, queryLine, list, preview }: { layout: ReturnType<typeof searchLayout>; width: number; height: number; queryLine: ReactNode; list: ReactNode; preview: ReactNode }): ReactNode {
  const theme = useTheme();
  const { sideBySide, bodyHeight, listWidth, listHeight } = layout;
  const muted = theme.color ? { color: theme.colors.muted } : {};
  return (
    <Box flexDirection="column" width={width} height={height}>
      {queryLine}
      <Box flexDirection={sideBySide ? 'row' : 'column'} height={bodyHeight}>
        <Box flexDirection="column" width={listWidth} height={listHeight} overflowY="hidden">
          {list}
        </Box>
        {sideBySide ? (
          <Box width={1} height={bodyHeight} flexDirection="column" overflowY="hidden">
            <Text {...muted}>{Array(bodyHeight).fill(theme.glyphs.separator).join('\n')}</Text>
          </Box>
        ) : (
          <Text {...muted}>{fit(theme.glyphs.rule.repeat(width), width, '')}</Text>
        )}
        {preview}
      </Box>
    </Box>
  );
}

export interface ReaderViewProps {
  workspace: Workspace;
  reader: SearchReader;
  find: LineEditor;
  /** The find line is open. */
  finding: boolean;
  active: boolean;
  queryLine: ReactNode;
  width: number;
  height: number;
}

/** The reader: the passage's whole article under the query line, with the find line while finding. */
export function ReaderView({ workspace, reader, find, finding, active, queryLine, width, height }: ReaderViewProps): ReactNode {
  const theme = useTheme();
  const { passage, article } = reader;
  if (!passage || !article) return null;
  const document = workspace.documents.get(passage.source);
  const matches = article.matchLines.length;
  const header: Segment[] = [
    ...highlightSegments(`${document?.label ?? passage.source}:${passage.line}`, [], theme.ascii, 'source'),
    { text: `  ${document?.title ?? ''}`, style: 'plain' },
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {queryLine}
      {finding ? (
        <PromptLine editor={find} focused={active} placeholder="words in this article" width={width} label="find " counter={find.text.trim() === '' ? '' : matches === 0 ? 'no match' : `${plural(matches, 'line')} found`} />
      ) : null}
      <Box paddingX={1}>
        <Reader header={header} lines={article.lines} offset={reader.scroll.offset} width={Math.max(1, width - 2)} height={height - 1 - (finding ? 1 : 0)} />
      </Box>
    </Box>
  );
}
