/** Pane 1, Search: the query line, ranked results with matches highlighted, and a preview. */
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { distinguishingPrefixLength } from '../../core/context.js';
import { queryNotes } from '../../core/query.js';
import type { SearchHit } from '../../core/searchIndex.js';
import { Preview } from '../components/Preview.js';
import { QueryField } from '../components/QueryField.js';
import { SegmentLine } from '../components/SegmentLine.js';
import { usePaneArea } from '../hooks/usePaneArea.js';
import { useKeys } from '../hooks/useKeys.js';
import { useLineEditor } from '../hooks/useLineEditor.js';
import { useListNavigation } from '../hooks/useListNavigation.js';
import { useSearch } from '../hooks/useSearch.js';
import { fit, highlightSegments, stringWidth, truncateSegments, windowOnFirstMatch, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import type { PaneProps } from './paneProps.js';

type Area = 'query' | 'results' | 'preview';
const AREAS: readonly Area[] = ['query', 'results', 'preview'];
/** Columns from which the preview sits beside the results instead of below them. */
const SIDE_BY_SIDE_WIDTH = 120;
const SOURCE_COLUMN_MAX = 16;

const HINTS: Record<Area, string> = {
  query: 'Enter results  Up/Down move  Esc clear  Ctrl-C quit',
  results: '/ query  j/k move  Enter read  c compare  ? help  q quit',
  preview: 'j/k scroll  c compare  Esc back  / query  ? help',
};

export function SearchPane({ workspace, width, height, active, onStatus, onTyping, navigate, request, typedAhead }: PaneProps): ReactNode {
  const theme = useTheme();
  const editor = useLineEditor(typedAhead);
  // Typed ahead after this pane was drawn but before it took the keys (App stops then, so this
  // never overwrites what was typed here).
  const { set: setQuery, current: currentQuery } = editor;
  useEffect(() => {
    if (typedAhead !== undefined && typedAhead !== currentQuery()) setQuery(typedAhead);
  }, [typedAhead, setQuery, currentQuery]);
  const query = editor.text;
  const [area, areaRef, setArea] = usePaneArea<Area>('query', 'query', active, onTyping);
  const [previewScroll, setPreviewScroll] = useState(0);
  const { results, answered, error, more } = useSearch(workspace.index, workspace.corpus.passages, query);

  const sideBySide = width >= SIDE_BY_SIDE_WIDTH && area !== 'preview';
  const bodyHeight = height - 1;
  const listWidth = sideBySide ? Math.floor(width * 0.55) : width;
  const previewWidth = sideBySide ? width - listWidth - 1 : width;
  const listHeight = area === 'preview' ? 0 : sideBySide ? bodyHeight : Math.max(3, Math.floor(bodyHeight * 0.5));
  const previewHeight = sideBySide ? bodyHeight : bodyHeight - listHeight - (area === 'preview' ? 0 : 1);

  const navigation = useListNavigation(results.length, listHeight);
  const selectedHit = results.at(navigation.selected);

  useEffect(() => setPreviewScroll(0), [selectedHit?.passage.id]);
  // A passage sent from another pane: list the whole corpus (where index = passage id) and read it.
  const pendingPassage = useRef<number | null>(null);
  useEffect(() => {
    if (request?.target.pane !== 'search') return;
    pendingPassage.current = request.target.passageId;
    editor.set('');
    setArea('preview');
  }, [request, setArea]);
  useEffect(() => {
    if (pendingPassage.current === null) return;
    navigation.select(pendingPassage.current);
    pendingPassage.current = null;
    // The request too: when the query was empty already, no new answer arrives to trigger this.
  }, [answered, request]);
  // A query cut to bound its work says so in the status line, in place of the key hints.
  const cut = useMemo(() => queryNotes(answered).join('; '), [answered]);
  useEffect(() => {
    if (active) onStatus({ where: `Search ${theme.glyphs.separator} ${area}`, hints: cut || HINTS[area] });
  }, [active, area, onStatus, theme, cut]);

  useKeys(
    (input, key) => {
      const area = areaRef.current;
      if (key.tab) {
        const step = key.shift ? AREAS.length - 1 : 1;
        setArea(AREAS[(AREAS.indexOf(area) + step) % AREAS.length]!);
        return;
      }
      if (area === 'query') {
        if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) navigation.handleKey(input, key, { letters: false });
        else if (key.return) setArea('results');
        else if (key.escape) {
          if (editor.current() !== '') {
            navigation.select(0);
            editor.set('');
          } else setArea('results');
        } else {
          const before = editor.current();
          // A new query starts at the top; results arriving later keep whatever the user selected since.
          if (editor.edit(input, key) && editor.current() !== before) navigation.select(0);
        }
        return;
      }
      // c: this passage across every source of its story (two keys from a hit: Enter, c).
      if (input === 'c' && selectedHit) {
        navigate({ pane: 'compare', claim: selectedHit.passage.text, passageId: selectedHit.passage.id });
        return;
      }
      if (area === 'results') {
        if (input === '/') setArea('query');
        else if (key.return && selectedHit) setArea('preview');
        else if (key.escape) setArea('query');
        else navigation.handleKey(input, key);
        return;
      }
      // Reading the preview: j/k scroll it, Esc goes back to the list.
      if (key.escape || key.return) setArea('results');
      else if (input === '/') setArea('query');
      else if (key.downArrow || input === 'j') setPreviewScroll((scroll) => scroll + 1);
      else if (key.upArrow || input === 'k') setPreviewScroll((scroll) => scroll - 1);
      else if (key.pageDown) setPreviewScroll((scroll) => scroll + previewHeight - 2);
      else if (key.pageUp) setPreviewScroll((scroll) => scroll - (previewHeight - 2));
    },
    { isActive: active },
  );

  const pending = answered !== query;
  const count = error ? 'query error' : `${results.length}${more ? '+' : ''}/${workspace.corpus.passages.length}`;
  const counter = `${pending ? theme.glyphs.ellipsis : ''}${count}`;
  const prompt = area === 'query' ? `${theme.glyphs.pointer} ` : '/ ';
  const inputWidth = Math.max(1, width - stringWidth(prompt) - counter.length - 2);

  // Labels (outlet and date) shown whole where the width allows: a third of the row at most.
  const sourceColumn = useMemo(() => {
    const labels = workspace.corpus.documents.map((document) => document.label);
    // Bare ids (no outlet, no date): their shortest distinguishing prefix is enough.
    if (workspace.corpus.documents.every((document) => document.label === document.source)) return Math.min(SOURCE_COLUMN_MAX, distinguishingPrefixLength(labels));
    const longest = labels.reduce((widest, label) => Math.max(widest, stringWidth(label)), 0);
    return Math.min(longest, Math.max(SOURCE_COLUMN_MAX, Math.floor(width / 3)));
  }, [workspace, width]);
  // Nothing holds every word of a longer query (a pasted sentence): offer the closest passages.
  const closest = useMemo(
    () => (results.length === 0 && !error && answered !== '' && workspace.index ? workspace.index.closest(answered, { limit: Math.max(0, listHeight - 1) }) : []),
    [results.length, error, answered, workspace.index, listHeight],
  );
  const rows: ReactNode[] = [];
  if (closest.length > 0) rows.push(<Text key="closest" wrap="truncate-end">{fit('closest, not all words:', listWidth, theme.glyphs.ellipsis)}</Text>);
  for (const [row, { passage, coverage, matches }] of closest.entries()) {
    const label = workspace.documents.get(passage.source)?.label ?? passage.source;
    rows.push(<ResultRow key={`closest-${row}`} hit={{ passage, score: 1 - coverage, matches }} selected={false} width={listWidth} sourceColumn={sourceColumn} label={label} />);
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
        label={workspace.documents.get(hit.passage.source)?.label ?? hit.passage.source}
      />,
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width}>
        <Text bold {...(theme.color && area === 'query' ? { color: theme.colors.accent } : {})}>
          {prompt}
        </Text>
        <Box width={inputWidth}>
          <QueryField text={query} cursor={editor.cursor} focused={active && area === 'query'} placeholder="search passages" width={inputWidth} />
        </Box>
        <Text {...(error && theme.color ? { color: theme.colors.warning } : {})}> {counter}</Text>
      </Box>
      <Box flexDirection={sideBySide ? 'row' : 'column'} height={bodyHeight}>
        {listHeight > 0 ? (
          <Box flexDirection="column" width={listWidth} height={listHeight} overflow="hidden">
            {rows.length > 0 ? rows : <EmptyResults query={answered} error={error} width={listWidth} />}
          </Box>
        ) : null}
        {sideBySide ? (
          <Box width={1} height={bodyHeight} flexDirection="column" overflow="hidden">
            <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{Array(bodyHeight).fill(theme.glyphs.separator).join('\n')}</Text>
          </Box>
        ) : listHeight > 0 ? (
          <Text {...(theme.color ? { color: theme.colors.muted } : {})}>{fit(theme.glyphs.rule.repeat(width), width, '')}</Text>
        ) : null}
        <Preview workspace={workspace} hit={selectedHit} width={previewWidth} height={previewHeight} scroll={previewScroll} focused={area === 'preview'} />
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
