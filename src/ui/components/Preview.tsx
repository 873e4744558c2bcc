/** A passage in its context: the paragraphs around it, the passage itself emphasised. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { paragraphContext } from '../../core/context.js';
import type { SearchHit } from '../../core/searchIndex.js';
import type { Corpus } from '../../core/types.js';
import type { Workspace } from '../hooks/useWorkspace.js';
import { highlightSegments, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import { SegmentLine } from './SegmentLine.js';
import { EmptyPanel } from './rowsInView.js';

export interface PreviewLines {
  lines: Segment[][];
  /** Line where the selected passage starts, to scroll it into view. */
  focusLine: number;
}

export function previewLines(corpus: Corpus, hit: SearchHit, width: number, ascii: boolean): PreviewLines {
  const segments: Segment[] = [];
  let focusMarker = -1;
  paragraphContext(corpus, hit.passage).forEach((group, groupIndex) => {
    if (groupIndex > 0) segments.push({ text: '\n\n', style: 'plain' });
    const own = group.paragraph === hit.passage.paragraph;
    group.passages.forEach((passage, index) => {
      if (index > 0) segments.push({ text: ' ', style: own ? 'plain' : 'muted' });
      if (passage.id === hit.passage.id) {
        focusMarker = segments.length;
        segments.push(...highlightSegments(passage.text, hit.matches, ascii, 'focus', 'focusMatch'));
      } else {
        segments.push(...highlightSegments(passage.text, [], ascii, own ? 'plain' : 'muted'));
      }
    });
  });
  // Wrap once, then find the first line holding the focused passage.
  const before = wrapSegments(segments.slice(0, Math.max(0, focusMarker)), width);
  const lines = wrapSegments(segments, width);
  const focusLine = focusMarker <= 0 ? 0 : Math.max(0, before.length - 1);
  return { lines, focusLine };
}

export function Preview({
  workspace,
  hit,
  width,
  height,
  scroll,
  focused,
}: {
  workspace: Workspace;
  hit: SearchHit | undefined;
  width: number;
  height: number;
  /** Lines scrolled past the default view (which starts one line above the passage). */
  scroll: number;
  focused: boolean;
}): ReactNode {
  const theme = useTheme();
  if (height <= 0) return null;
  if (!hit) return <EmptyPanel text="Nothing selected." width={width} height={height} />;
  const document = workspace.documents.get(hit.passage.source);
  const pilcrow = theme.ascii ? 'par.' : '¶';
  const header: Segment[] = [
    ...highlightSegments(`${document?.label ?? hit.passage.source}:${hit.passage.line}`, [], theme.ascii, 'source'),
    { text: ` ${pilcrow}${hit.passage.paragraph}  `, style: 'muted' },
    ...highlightSegments(document?.title ?? '', [], theme.ascii, 'muted'),
  ];
  const { lines, focusLine } = previewLines(workspace.corpus, hit, width, theme.ascii);
  const bodyHeight = height - 1;
  const maxStart = Math.max(0, lines.length - bodyHeight);
  const start = Math.max(0, Math.min(maxStart, focusLine - 1 + scroll));
  const shown = lines.slice(start, start + bodyHeight);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <SegmentLine segments={header} width={width} inverse={focused} />
      {shown.map((line, index) => (
        <SegmentLine key={start + index} segments={line} width={width} />
      ))}
    </Box>
  );
}
