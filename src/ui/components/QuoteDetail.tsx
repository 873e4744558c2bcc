/** One quote group in full: each source's version under its source, differences marked, with the attribution sentence. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { memberDiff } from '../../core/quotes/grouping.js';
import type { QuoteGroup, QuoteMember } from '../../core/quotes/types.js';
import { diffSegments } from '../diffText.js';
import { highlightSegments, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import { SegmentLine } from './SegmentLine.js';
import { EmptyPanel } from './rowsInView.js';

/** The member's own words, those it adds marked, a short [-…-] note where it lacks the reference's (no glued words). */
function memberSegments(group: QuoteGroup, member: QuoteMember, ascii: boolean, markers: boolean): Segment[] {
  if (member.quote === group.reference) return highlightSegments(member.quote.text, [], ascii);
  return diffSegments(memberDiff(group, member), ascii, markers);
}

export interface DetailLines {
  lines: Segment[][];
  /** The line where each member's block starts, to scroll the selected one into view. */
  memberStarts: number[];
}

export function detailLines(group: QuoteGroup, width: number, ascii: boolean, separator: string, markers = false, labelOf: (source: string) => string = (source) => source): DetailLines {
  const lines: Segment[][] = [];
  const memberStarts: number[] = [];
  group.members.forEach((member) => {
    memberStarts.push(lines.length);
    const { quote } = member;
    const relation = member.quote === group.reference ? 'reference' : `${member.relation} ${Math.round(member.similarity * 100)}%`;
    const speaker = quote.speaker ?? `speaker not named${quote.speakerAbstention ? ` (${quote.speakerAbstention})` : ''}`;
    lines.push([
      ...highlightSegments(`${labelOf(quote.source)}:${quote.line}`, [], ascii, 'source'),
      { text: `  ${relation} ${separator} `, style: 'muted' },
      ...highlightSegments(speaker, [], ascii, member.speakerVariant ? 'warning' : 'plain'),
      ...(member.speakerVariant ? [{ text: ` (spelled differently; elsewhere ${group.speaker ?? ''})`, style: 'warning' as const }] : []),
    ]);
    for (const line of wrapSegments(memberSegments(group, member, ascii, markers), Math.max(1, width - 2))) lines.push([{ text: '  ', style: 'plain' }, ...line]);
    for (const line of wrapSegments(highlightSegments(quote.attribution, [], ascii, 'muted'), Math.max(1, width - 4))) {
      lines.push([{ text: '    ', style: 'plain' }, ...line]);
    }
  });
  return { lines, memberStarts };
}

export function QuoteDetail({
  group,
  selectedMember,
  focused,
  width,
  height,
  labelOf,
}: {
  group: QuoteGroup | undefined;
  selectedMember: number;
  focused: boolean;
  width: number;
  height: number;
  /** How a source is named on screen (its label); the id when not given. */
  labelOf?: (source: string) => string;
}): ReactNode {
  const theme = useTheme();
  if (height <= 0) return null;
  if (!group) return <EmptyPanel text="No quote selected." width={width} height={height} />;
  const { lines, memberStarts } = detailLines(group, width, theme.ascii, theme.glyphs.separator, theme.diffMarkers, labelOf);
  const focusLine = memberStarts[selectedMember] ?? 0;
  const start = Math.max(0, Math.min(focusLine, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      {lines.slice(start, start + height).map((line, index) => (
        <SegmentLine key={start + index} segments={line} width={width} inverse={focused && memberStarts[selectedMember] === start + index} />
      ))}
    </Box>
  );
}
