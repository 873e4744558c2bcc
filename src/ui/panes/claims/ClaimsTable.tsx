/** The Claims pane drawn: claims down and sources across with their marks, or the picker of a source. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { labelOf } from '../../../core/labels.js';
import type { Claim } from '../../../core/compare/types.js';
import { SegmentLine } from '../../components/SegmentLine.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import { highlightSegments, plural, type Segment } from '../../text.js';
import { useTheme } from '../../theme.js';
import { rowsInView } from '../../components/rowsInView.js';

/** Column letters for the sources: A..Z, then AA.. */
export function columnLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : columnLabel(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));
}

export interface ClaimColumns {
  /** Every source carrying a listed claim, and those shown from the first. */
  sources: readonly string[];
  shown: readonly string[];
  first: number;
  idWidth: number;
}

interface Marks {
  carried: string;
  conflict: string;
  absent: string;
}

function marksOf(ascii: boolean): Marks {
  return ascii ? { carried: '*', conflict: '!', absent: '.' } : { carried: '●', conflict: '!', absent: '·' };
}

/** Over an unfinished map: how far it has got, and that its list may still change. */
export function UnfinishedNote({ progress, width }: { progress: { passagesRead: number; passagesTotal: number }; width: number }): ReactNode {
  const { ellipsis } = useTheme().glyphs;
  const { passagesRead, passagesTotal } = progress;
  const text =
    passagesRead < passagesTotal
      ? `Finding claims${ellipsis} ${Math.floor((100 * passagesRead) / Math.max(1, passagesTotal))}% of passages read; the list may still change`
      : `Finding conflicts${ellipsis} claims complete, disagreements not marked yet`;
  return <SegmentLine segments={[{ text, style: 'muted' }]} width={width} />;
}

/** The line over the table: how many claims, under which filters, the marks, and the columns shown. */
export function ClaimsHeader({ count, filters, columns, width }: { count: number; filters: readonly string[]; columns: ClaimColumns; width: number }): ReactNode {
  const theme = useTheme();
  const marks = marksOf(theme.ascii);
  const { sources, shown, first } = columns;
  const header: Segment[] = [
    { text: `${plural(count, 'claim')}${filters.length > 0 ? ` ${filters.join(', ')}` : ''}  `, style: 'focus' },
    { text: `${marks.carried} carries  ${marks.conflict} disagrees  ${marks.absent} absent`, style: 'muted' },
    ...(sources.length > shown.length ? [{ text: `  sources ${first + 1}-${first + shown.length} of ${sources.length.toLocaleString('en-US')} (h/l)`, style: 'muted' as const }] : []),
  ];
  const columnsHeader: Segment[] = [
    { text: ' '.repeat(columns.idWidth + 1), style: 'plain' },
    { text: shown.map((_, index) => columnLabel(first + index).padEnd(2)).join(''), style: 'source' },
  ];
  return (
    <>
      <SegmentLine segments={header} width={width} />
      <SegmentLine segments={columnsHeader} width={width} />
    </>
  );
}

export interface ClaimRowsProps {
  claims: readonly Claim[];
  columns: ClaimColumns;
  offset: number;
  selected: number;
  /** The selection is drawn only while the pane is shown. */
  active: boolean;
  width: number;
  height: number;
}

/** One row a claim: its id, a mark under each source shown, its text. */
export function ClaimRows({ claims, columns, offset, selected, active, width, height }: ClaimRowsProps): ReactNode {
  const theme = useTheme();
  const marks = marksOf(theme.ascii);
  const rows = rowsInView((index) => claims[index], { offset, selected, rows: height }, (claim, index, isSelected) => {
    const conflicted = new Set(claim.conflicts.map((conflict) => conflict.source));
    const cells: Segment[] = columns.shown.map((source) => {
      const mark = !(source in claim.sources) ? marks.absent : conflicted.has(source) ? marks.conflict : marks.carried;
      return { text: `${mark} `, style: mark === marks.conflict ? 'warning' : mark === marks.carried ? 'source' : 'muted' };
    });
    return (
      <SegmentLine
        key={index}
        inverse={isSelected && active}
        width={width}
        segments={[{ text: `${String(claim.id).padStart(columns.idWidth)} `, style: 'muted' }, ...cells, ...highlightSegments(claim.summary, [], theme.ascii, isSelected ? 'focus' : 'plain')]}
      />
    );
  });
  if (rows.length === 0) rows.push(<SegmentLine key="none" width={width} segments={[{ text: 'No claim matches: / changes the filter, ! and o turn theirs off.', style: 'muted' }]} />);
  return rows;
}

/** The legend's rows: every column shown, several to a row, an ellipsis when they do not all fit. */
export function Legend({ lines, rows, width }: { lines: readonly string[]; rows: number; width: number }): ReactNode {
  const theme = useTheme();
  return lines.slice(0, rows).map((line, row) => (
    <SegmentLine key={row} width={width} segments={highlightSegments(row === rows - 1 && lines.length > rows ? `${line}  ${theme.glyphs.ellipsis}` : line, [], theme.ascii, 'muted')} />
  ));
}

export interface SourcePickerProps {
  workspace: Workspace;
  soleSources: ReadonlyArray<{ source: string; count: number }>;
  offset: number;
  selected: number;
  width: number;
  /** Rows of sources shown, and the height of the box under the title. */
  rows: number;
  height: number;
}

/** `o`: the sources that make a claim alone, to keep only that source's claims. */
export function SourcePicker({ workspace, soleSources, offset, selected, width, rows: shownRows, height }: SourcePickerProps): ReactNode {
  const theme = useTheme();
  const rows = rowsInView((index) => soleSources[index], { offset, selected, rows: shownRows }, (entry, _index, isSelected) => (
    <SegmentLine key={entry.source} inverse={isSelected} width={width} segments={[...highlightSegments(labelOf(workspace.documents, entry.source), [], theme.ascii, 'source'), { text: `  ${plural(entry.count, 'claim')} no other source makes`, style: 'muted' }]} />
  ));
  const title = soleSources.length > 0 ? 'Only the claims one source alone makes: choose the source (Enter), Esc cancels' : 'No claim is made by one source alone.';
  return (
    <>
      <SegmentLine segments={[{ text: title, style: 'focus' }]} width={width} />
      <Box flexDirection="column" height={height} overflowY="hidden">
        {rows}
      </Box>
    </>
  );
}
