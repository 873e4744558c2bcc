/** Pane 1, Search: the query line, ranked results with matches highlighted, and a preview. */
import { Box, Text } from 'ink';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import stringWidth from 'string-width';
import { distinguishingPrefixLength } from '../../core/context.js';
import { queryNotes } from '../../core/query.js';
import type { SearchHit } from '../../core/searchIndex.js';
import { Preview } from '../components/Preview.js';
import { PromptLine } from '../components/PromptLine.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { Reader, articleLines } from '../components/Reader.js';
import { useImmediateState } from '../hooks/useImmediateState.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation, useScrollView } from '../hooks/useListNavigation.js';
import type { KeyLayer } from '../keys/dispatch.js';
import { areaControls, filterFieldLayer, movingArea, onItem } from '../keys/paneKeys.js';
import { useSearch } from '../hooks/useSearch.js';
import { useShared } from '../hooks/useSlicedJob.js';
import { fit, highlightSegments, plural, truncateSegments, windowOnFirstMatch, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'query' | 'results' | 'reader' | 'find';
const AREAS: readonly Area[] = ['query', 'results', 'reader'];
/** Columns from which the preview sits beside the results instead of below them. */
const SIDE_BY_SIDE_WIDTH = 120;
const SOURCE_COLUMN_MAX = 16;

/** Which passage the reader shows, and whether another pane sent it (Esc then goes back there). */
interface Reading {
  passageId: number;
  sent: boolean;
}

export function SearchPane({ workspace, width, height, active, controls, navigate, typedAhead }: PaneProps): ReactNode {
  const theme = useTheme();
  const [area, areaRef, setArea] = useImmediateState<Area>('query');
  // A passage to select once the results of the current query are in: chosen by identity, never by index.
  const [pendingSelect, , setPendingSelect] = useImmediateState<number | null>(null);
  const editor = useLineEditor(typedAhead, () => {
    // A new query starts at the top; results arriving later keep whatever the user selected since.
    setPendingSelect(null);
    navigation.select(0);
  });
  const query = editor.text;
  // Built (or read from the cache's parts) once the pane is first drawn; every passage is listed meanwhile.
  const passageIndex = useShared(workspace.passageIndex(), true);
  const { results, answered, error, more } = useSearch(passageIndex, workspace.corpus.passages, query);
  const [reading, readingRef, setReading] = useImmediateState<Reading | null>(null);
  const find = useLineEditor();

  const sideBySide = width >= SIDE_BY_SIDE_WIDTH;
  const bodyHeight = height - 1;
  const listWidth = sideBySide ? Math.floor(width * 0.55) : width;
  const previewWidth = sideBySide ? width - listWidth - 1 : width;
  const listHeight = sideBySide ? bodyHeight : Math.max(3, Math.floor(bodyHeight * 0.5));
  const previewHeight = sideBySide ? bodyHeight : bodyHeight - listHeight - 1;

  const navigation = useListNavigation(results.length, listHeight);
  const selectedHit = results.at(navigation.selected);

  useEffect(() => {
    if (pendingSelect === null || answered !== query) return;
    for (let index = 0; index < results.length; index++) {
      if (results.at(index)?.passage.id === pendingSelect) {
        navigation.select(index);
        break;
      }
    }
    setPendingSelect(null);
  }, [pendingSelect, answered, query, results]);

  // The reader: the whole article, scrolled to the passage.
  const readerPassage = reading ? workspace.corpus.passages[reading.passageId] : undefined;
  const readerWidth = Math.max(1, width - 2);
  const article = useMemo(
    () => (readerPassage ? articleLines(workspace.corpus, readerPassage, readerWidth, theme.ascii, find.text) : null),
    [workspace, readerPassage, readerWidth, theme.ascii, find.text],
  );
  const readerHeight = bodyHeight - (area === 'find' ? 1 : 0);
  const readerScroll = useScrollView(article?.lines.length ?? 0, readerHeight - 1);
  const focusLine = article?.focusLine ?? 0;
  // An article opens scrolled to its passage (the line above it in view), from the first frame on.
  // A layout effect: it runs before any key that follows the frame, so g or k act on the passage's place.
  const focusPending = useRef(false);
  useLayoutEffect(() => {
    if (!focusPending.current || !article) return;
    focusPending.current = false;
    readerScroll.set(focusLine - 1);
  });
  useEffect(() => {
    focusPending.current = true;
  }, [readerWidth]);
  const readerOffset = focusPending.current && article ? Math.max(0, Math.min(article.lines.length - (readerHeight - 1), focusLine - 1)) : readerScroll.offset;

  const openReader = (passageId: number, sent: boolean): void => {
    focusPending.current = true;
    setReading({ passageId, sent });
    setArea('reader');
  };
  const compare = (passageId: number | undefined): boolean => {
    const passage = passageId === undefined ? undefined : workspace.corpus.passages[passageId];
    if (!passage) return false;
    navigate({ pane: 'compare', claim: passage.text, passageId: passage.id });
    return true;
  };
  const nextMatch = (step: 1 | -1): boolean => {
    const lines = article?.matchLines ?? [];
    if (lines.length === 0) return false;
    const from = readerScroll.current() + 1;
    const next = step > 0 ? (lines.find((line) => line > from) ?? lines[0]!) : ([...lines].reverse().find((line) => line < from) ?? lines.at(-1)!);
    readerScroll.set(next - 1);
    return true;
  };

  const paneLayer: KeyLayer = {
    scope: 'search',
    handlers: {
      compare: () => compare(areaRef.current === 'reader' || areaRef.current === 'find' ? readingRef.current?.passageId : results.at(navigation.current())?.passage.id),
      'focus-field': () => setArea('query'),
    },
  };
  const layers: Record<Area, KeyLayer[]> = {
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
    reader: movingArea(
      'search.reader',
      {
        find: () => setArea('find'),
        'next-match': () => nextMatch(1),
        'previous-match': () => nextMatch(-1),
        close: (_, conditions) => {
          // Sent from another pane: Esc goes back there.
          if (readingRef.current?.sent && conditions.history) return false;
          setArea('results');
          return true;
        },
      },
      readerScroll.handlers,
      paneLayer,
    ),
    find: [
      {
        scope: 'search.find',
        handlers: {
          submit: () => {
            setArea('reader');
            nextMatch(1);
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
  // Read when a key arrives: the area is the latest (a key of the same burst may have changed it).
  controls('search', () => ({
    ...areaControls({
      name: 'Search',
      separator: theme.glyphs.separator,
      areaRef,
      setArea,
      cycle: readingRef.current ? AREAS : AREAS.filter((candidate) => candidate !== 'reader'),
      layers,
      fields: { query: { editor, moves: navigation.handlers }, find: { editor: find, moves: readerScroll.handlers } },
      pasteArea: areaRef.current === 'find' ? 'find' : 'query',
    }),
    // A query cut to bound its work says so in the status line, in place of the key hints.
    note: queryNotes(answered).join('; '),
    capture: () => {
      const place = { query: editor.current(), area: areaRef.current, selected: results.at(navigation.current())?.passage.id ?? null, reading: readingRef.current, scroll: readerScroll.current() };
      return () => {
        editor.set(place.query);
        setPendingSelect(place.selected);
        setReading(place.reading);
        setArea(place.area === 'find' ? 'reader' : place.area);
        queueMicrotask(() => readerScroll.set(place.scroll));
      };
    },
    open: (target) => {
      if (target.pane === 'search') openReader(target.passageId, true);
    },
  }));

  const pending = answered !== query;
  const count = error ? 'query error' : `${results.length}${more ? '+' : ''}/${workspace.corpus.passages.length}`;
  const counter = `${pending ? theme.glyphs.ellipsis : ''}${count}`;

  // Labels (outlet and date) shown whole where the width allows: a third of the row at most.
  const sourceColumn = useMemo(() => {
    const labels = workspace.corpus.documents.map((document) => document.label);
    // Bare ids (no outlet, no date): their shortest distinguishing prefix is enough.
    if (workspace.corpus.documents.every((document) => document.label === document.source)) return Math.min(SOURCE_COLUMN_MAX, distinguishingPrefixLength(labels));
    const longest = labels.reduce((widest, label) => Math.max(widest, stringWidth(label)), 0);
    return Math.min(longest, Math.max(SOURCE_COLUMN_MAX, Math.floor(width / 3)));
  }, [workspace, width]);
  const labelOf = (source: string): string => workspace.documents.get(source)?.label ?? source;
  // Nothing holds every word of a longer query (a pasted sentence): offer the closest passages.
  const closest = useMemo(
    () => (results.length === 0 && !error && answered !== '' && passageIndex ? passageIndex.closest(answered, { limit: Math.max(0, listHeight - 1) }) : []),
    [results.length, error, answered, passageIndex, listHeight],
  );
  const rows: ReactNode[] = [];
  if (closest.length > 0) rows.push(<Text key="closest" wrap="truncate-end">{fit('closest, not all words:', listWidth, theme.glyphs.ellipsis)}</Text>);
  for (const [row, { passage, coverage, matches }] of closest.entries()) {
    rows.push(<ResultRow key={`closest-${row}`} hit={{ passage, score: 1 - coverage, matches }} selected={false} width={listWidth} sourceColumn={sourceColumn} label={labelOf(passage.source)} />);
  }
  for (let row = 0; row < listHeight && closest.length === 0; row++) {
    const index = navigation.offset + row;
    const hit = results.at(index);
    if (!hit) break;
    rows.push(
      <ResultRow
        key={index}
        hit={hit}
        selected={index === navigation.selected}
        width={listWidth}
        sourceColumn={sourceColumn}
        label={labelOf(hit.passage.source)}
      />,
    );
  }

  const queryLine = (
    <PromptLine editor={editor} focused={active && area === 'query'} placeholder="search passages (? help)" counter={counter} warning={error !== null} width={width} />
  );

  if ((area === 'reader' || area === 'find') && readerPassage && article) {
    const document = workspace.documents.get(readerPassage.source);
    const matches = article.matchLines.length;
    const header: Segment[] = [
      ...highlightSegments(`${labelOf(readerPassage.source)}:${readerPassage.line}`, [], theme.ascii, 'source'),
      { text: `  ${document?.title ?? ''}`, style: 'plain' },
    ];
    return (
      <Box flexDirection="column" width={width} height={height}>
        {queryLine}
        {area === 'find' ? (
          <PromptLine editor={find} focused={active} placeholder="words in this article" width={width} label="find " counter={find.text.trim() === '' ? '' : matches === 0 ? 'no match' : `${plural(matches, 'line')} found`} />
        ) : null}
        <Box paddingX={1}>
          <Reader header={header} lines={article.lines} offset={readerOffset} width={readerWidth} height={readerHeight} />
        </Box>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      {queryLine}
      <Box flexDirection={sideBySide ? 'row' : 'column'} height={bodyHeight}>
        <Box flexDirection="column" width={listWidth} height={listHeight} overflow="hidden">
          {rows.length > 0 ? rows : <EmptyResults query={answered} error={error} width={listWidth} />}
        </Box>
        {sideBySide ? (
          <Box width={1} height={bodyHeight} flexDirection="column" overflow="hidden">
            <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{Array(bodyHeight).fill(theme.glyphs.separator).join('\n')}</Text>
          </Box>
        ) : (
          <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{fit(theme.glyphs.rule.repeat(width), width, '')}</Text>
        )}
        <Preview workspace={workspace} hit={selectedHit} width={previewWidth} height={previewHeight} scroll={0} focused={false} />
      </Box>
    </Box>
  );
}

function EmptyResults({ query, error, width }: { query: string; error: string | null; width: number }): ReactNode {
  const theme = useTheme();
  const message = error ? `Query not understood: ${error}` : `Nothing matches "${query}". Try fewer words, or 'exact terms.`;
  return <Text wrap="truncate-end">{fit(highlightSegments(message, [], theme.ascii).map((segment) => segment.text).join(''), width, theme.glyphs.ellipsis)}</Text>;
}

function ResultRow({ hit, selected, width, sourceColumn, label }: { hit: SearchHit; selected: boolean; width: number; sourceColumn: number; label: string }): ReactNode {
  const theme = useTheme();
  const { passage } = hit;
  const pointer = selected ? `${theme.glyphs.pointer} ` : '  ';
  const shortSource = stringWidth(label) > sourceColumn ? fit(label, sourceColumn + stringWidth(theme.glyphs.ellipsis), theme.glyphs.ellipsis) : label;
  const citation = `${shortSource}:${passage.line}`;
  const citationWidth = sourceColumn + theme.glyphs.ellipsis.length + 5;
  // A hit that matches only its document's title says so: its own text may not hold the words.
  const tag = hit.titleOnly === true ? '[title] ' : '';
  const head: Segment[] = [
    { text: pointer, style: 'plain' },
    ...highlightSegments(citation.padEnd(citationWidth), [], theme.ascii, 'source'),
    { text: ' ', style: 'plain' },
    ...(tag ? [{ text: tag, style: 'muted' as const }] : []),
  ];
  const textRoom = Math.max(1, width - pointer.length - citationWidth - 1 - tag.length);
  const body = truncateSegments(
    windowOnFirstMatch(highlightSegments(passage.text, hit.matches, theme.ascii), textRoom, theme.glyphs.ellipsis),
    textRoom,
    theme.glyphs.ellipsis,
  );
  return <SegmentLine segments={[...head, ...body]} width={width} inverse={selected} />;
}
