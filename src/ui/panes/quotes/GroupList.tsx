/** Quotes' groups: one row a quote (how many sources carry it, the speaker, its words), or why there is none. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { QuoteGroup } from '../../../core/quotes/types.js';
import { SegmentLine } from '../../components/SegmentLine.js';
import { fit, highlightSegments, type Segment } from '../../text.js';
import { useTheme } from '../../theme.js';
import { rowsInView } from '../../components/rowsInView.js';

const SPEAKER_COLUMN = 16;

export interface GroupListProps {
  groups: readonly QuoteGroup[];
  offset: number;
  selected: number;
  width: number;
  height: number;
  /** What the list says when it is empty. */
  empty: string;
}

export function GroupList({ groups, offset, selected, width, height, empty }: GroupListProps): ReactNode {
  const theme = useTheme();
  const rows = rowsInView((index) => groups[index], { offset, selected, rows: height }, (group, index, isSelected) => <GroupRow key={index} group={group} selected={isSelected} width={width} />);
  return rows.length > 0 ? rows : <Text>{fit(highlightSegments(empty, [], theme.ascii).map((segment) => segment.text).join(''), width, theme.glyphs.ellipsis)}</Text>;
}

function GroupRow({ group, selected, width }: { group: QuoteGroup; selected: boolean; width: number }): ReactNode {
  const theme = useTheme();
  const pointer = selected ? `${theme.glyphs.pointer} ` : '  ';
  const speaker = fit(group.speaker ?? '?', SPEAKER_COLUMN, theme.glyphs.ellipsis);
  const count = `${group.sources} src`.padEnd(7);
  const head: Segment[] = [
    { text: pointer, style: 'plain' },
    { text: count, style: group.sources > 1 ? 'match' : 'muted' },
    ...highlightSegments(speaker.padEnd(SPEAKER_COLUMN + 1), [], theme.ascii, 'source'),
    ...(group.kind === 'term' ? [{ text: 'term ', style: 'muted' as const }] : []),
  ];
  const quoted = theme.ascii ? `"${group.reference.text}"` : `“${group.reference.text}”`;
  return <SegmentLine segments={[...head, ...highlightSegments(quoted, [], theme.ascii)]} width={width} inverse={selected} />;
}
