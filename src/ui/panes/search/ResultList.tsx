/** Search's results: one row a passage (its source, line and text, the matches marked), or the closest passages. */
import { Text } from 'ink';
import { memo, useMemo, type ReactNode } from 'react';
import { distinguishingPrefixLength } from '../../../core/context.js';
import type { PassageIndex, SearchHit } from '../../../core/searchIndex.js';
import { SegmentLine } from '../../components/SegmentLine.js';
import type { ResultList as Results } from '../../hooks/useSearch.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import { fit, highlightSegments, stringWidth, truncateSegments, windowOnFirstMatch, type Segment } from '../../text.js';
import { useTheme } from '../../theme.js';

const SOURCE_COLUMN_MAX = 16;

export interface ResultListProps {
  workspace: Workspace;
  /** Null while it is being built: no closest passages meanwhile. */
  passageIndex: PassageIndex | null;
  results: Results;
  /** The query the results answer. */
  answered: string;
  error: string | null;
  offset: number;
  selected: number;
  width: number;
  height: number;
}

/** Labels (outlet and date) shown whole where the width allows: a third of the row at most. */
function sourceColumnWidth(workspace: Workspace, width: number): number {
  const labels = workspace.corpus.documents.map((document) => document.label);
  // Bare ids (no outlet, no date): their shortest distinguishing prefix is enough.
  if (workspace.corpus.documents.every((document) => document.label === document.source)) return Math.min(SOURCE_COLUMN_MAX, distinguishingPrefixLength(labels));
  const longest = labels.reduce((widest, label) => Math.max(widest, stringWidth(label)), 0);
  return Math.min(longest, Math.max(SOURCE_COLUMN_MAX, Math.floor(width / 3)));
}

export function ResultList({ workspace, passageIndex, results, answered, error, offset, selected, width, height }: ResultListProps): ReactNode {
  const theme = useTheme();
  const sourceColumn = useMemo(() => sourceColumnWidth(workspace, width), [workspace, width]);
  const labelOf = (source: string): string => workspace.documents.get(source)?.label ?? source;
  // Nothing holds every word of a longer query (a pasted sentence): offer the closest passages.
  const closest = useMemo(
    () => (results.length === 0 && !error && answered !== '' && passageIndex ? passageIndex.closest(answered, { limit: Math.max(0, height - 1) }) : []),
    [results.length, error, answered, passageIndex, height],
  );
  const rows: ReactNode[] = [];
  if (closest.length > 0) rows.push(<Text key="closest" wrap="truncate-end">{fit('closest, not all words:', width, theme.glyphs.ellipsis)}</Text>);
  for (const [row, { passage, coverage, matches }] of closest.entries()) {
    rows.push(<ResultRow key={`closest-${row}`} hit={{ passage, score: 1 - coverage, matches }} selected={false} width={width} sourceColumn={sourceColumn} label={labelOf(passage.source)} />);
  }
  for (let row = 0; row < height && closest.length === 0; row++) {
    const index = offset + row;
    const hit = results.at(index);
    if (!hit) break;
    rows.push(<ResultRow key={index} hit={hit} selected={index === selected} width={width} sourceColumn={sourceColumn} label={labelOf(hit.passage.source)} />);
  }
  return rows.length > 0 ? rows : <EmptyResults query={answered} error={error} width={width} />;
}

function EmptyResults({ query, error, width }: { query: string; error: string | null; width: number }): ReactNode {
  const theme = useTheme();
  const message = error ? `Query not understood: ${error}` : `Nothing matches "${query}". Try fewer words, or 'exact terms.`;
  return <Text wrap="truncate-end">{fit(highlightSegments(message, [], theme.ascii).map((segment) => segment.text).join(''), width, theme.glyphs.ellipsis)}</Text>;
}

interface ResultRowProps {
  hit: SearchHit;
  selected: boolean;
  width: number;
  sourceColumn: number;
  label: string;
}

/** Whether two rows draw the same: an arrow key changes two rows, and the whole list's frame after a key's first page often none. */
function drawsTheSame(before: ResultRowProps, after: ResultRowProps): boolean {
  const [was, is] = [before.hit, after.hit];
  return (
    was.passage === is.passage &&
    was.titleOnly === is.titleOnly &&
    was.matches.length === is.matches.length &&
    was.matches.every(([start, end], at) => is.matches[at]![0] === start && is.matches[at]![1] === end) &&
    before.selected === after.selected &&
    before.width === after.width &&
    before.sourceColumn === after.sourceColumn &&
    before.label === after.label
  );
}

const ResultRow = memo(function ResultRow({ hit, selected, width, sourceColumn, label }: ResultRowProps): ReactNode {
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
}, drawsTheSame);
