/** A comparison drawn: how many sources carry the claim, then their versions in columns or stacked blocks. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { labelOf } from '../../../core/labels.js';
import type { Comparison } from '../../../core/compare/types.js';
import { SegmentLine } from '../../components/SegmentLine.js';
import type { Workspace } from '../../hooks/useWorkspace.js';
import { highlightSegments, plural, type Segment } from '../../text.js';
import { useTheme } from '../../theme.js';

export interface CompareLayout {
  sideBySide: boolean;
  columnWidth: number;
  columnLines: Segment[][][];
  absentRows: Segment[][];
  /** Stacked: every line; side by side: the tallest column's. */
  lines: Segment[][];
}

export interface ComparisonViewProps {
  workspace: Workspace;
  comparison: Comparison;
  layout: CompareLayout;
  /** The story's claims map is being built for n / p. */
  stepping: boolean;
  /** First line shown. */
  top: number;
  viewHeight: number;
  width: number;
}

function SummaryLine({ workspace, comparison, stepping, width }: Pick<ComparisonViewProps, 'workspace' | 'comparison' | 'stepping' | 'width'>): ReactNode {
  const theme = useTheme();
  const carriers = comparison.sources.filter((version) => version.carried);
  const summary: Segment[] = [
    { text: `${carriers.length} of ${plural(comparison.sources.length, 'source')} carry it`, style: 'focus' },
    ...(stepping ? [{ text: `  finding the story's claims${theme.glyphs.ellipsis}`, style: 'muted' as const }] : []),
    ...(comparison.story !== null ? highlightSegments(`  story ${comparison.story}`, [], theme.ascii, 'muted') : []),
    ...(comparison.reference ? highlightSegments(`  reference ${labelOf(workspace.documents, comparison.reference)}`, [], theme.ascii, 'muted') : []),
  ];
  return <SegmentLine segments={summary} width={width} />;
}

/** Carriers side by side, each column its own lines, and a row for each source that does not report it. */
function Columns({ comparison, layout, top, viewHeight, width }: Omit<ComparisonViewProps, 'workspace' | 'stepping'>): ReactNode {
  const carriers = comparison.sources.filter((version) => version.carried);
  return (
    <>
      <Box flexDirection="row" height={viewHeight}>
        {layout.columnLines.map((lines, index) => (
          <Box key={carriers[index]!.source} flexDirection="column" width={layout.columnWidth + (index < layout.columnLines.length - 1 ? 1 : 0)} height={viewHeight} overflowY="hidden">
            {lines.slice(top, top + viewHeight).map((line, row) => (
              <SegmentLine key={row} segments={line} width={layout.columnWidth} />
            ))}
          </Box>
        ))}
      </Box>
      {layout.absentRows.map((line, row) => (
        <SegmentLine key={`absent-${row}`} segments={line} width={width} />
      ))}
    </>
  );
}

export function ComparisonView(props: ComparisonViewProps): ReactNode {
  const { layout, top, viewHeight, width } = props;
  return (
    <>
      <SummaryLine {...props} />
      {layout.sideBySide ? (
        <Columns {...props} />
      ) : (
        <Box flexDirection="column" height={viewHeight} overflowY="hidden">
          {layout.lines.slice(top, top + viewHeight).map((line, row) => (
            <SegmentLine key={row} segments={line} width={width} />
          ))}
        </Box>
      )}
    </>
  );
}
