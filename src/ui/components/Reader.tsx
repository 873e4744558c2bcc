/** A whole article, the chosen passage emphasised, with the words of a find marked. */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Range } from '../../core/searchIndex.js';
import type { Corpus, Passage } from '../../core/types.js';
import { highlightSegments, wrapSegments, type Segment } from '../text.js';
import { useTheme } from '../theme.js';
import { SegmentLine } from './SegmentLine.js';

export interface ArticleLines {
  lines: Segment[][];
  /** The line where the chosen passage starts. */
  focusLine: number;
  /** Lines holding a match of the find, in order. */
  matchLines: number[];
}

/** Every passage of the passage's document (they are contiguous in Corpus.passages), in order. */
export function documentPassages(corpus: Corpus, passage: Passage): Passage[] {
  const { passages } = corpus;
  let first = passage.id;
  while (passages[first - 1]?.source === passage.source) first--;
  let last = passage.id;
  while (passages[last + 1]?.source === passage.source) last++;
  return passages.slice(first, last + 1);
}

/** Case-insensitive occurrences of `term` in `text`. */
export function findRanges(text: string, term: string): Range[] {
  const needle = term.trim().toLocaleLowerCase();
  if (needle === '') return [];
  const haystack = text.toLocaleLowerCase();
  const ranges: Range[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  return ranges;
}

export function articleLines(corpus: Corpus, passage: Passage, width: number, ascii: boolean, find: string): ArticleLines {
  const segments: Segment[] = [];
  let focusMarker = 0;
  let paragraph = -1;
  for (const current of documentPassages(corpus, passage)) {
    if (paragraph !== -1) segments.push({ text: current.paragraph === paragraph ? ' ' : '\n\n', style: 'plain' });
    paragraph = current.paragraph;
    const own = current.id === passage.id;
    if (own) focusMarker = segments.length;
    segments.push(...highlightSegments(current.text, findRanges(current.text, find), ascii, own ? 'focus' : 'plain', own ? 'focusMatch' : 'match'));
  }
  const lines = wrapSegments(segments, Math.max(1, width));
  const focusLine = focusMarker === 0 ? 0 : Math.max(0, wrapSegments(segments.slice(0, focusMarker), Math.max(1, width)).length - 1);
  const matchLines: number[] = [];
  lines.forEach((line, index) => {
    if (line.some((segment) => segment.style === 'match' || segment.style === 'focusMatch')) matchLines.push(index);
  });
  return { lines, focusLine, matchLines };
}

export function Reader({ header, lines, offset, width, height }: { header: Segment[]; lines: Segment[][]; offset: number; width: number; height: number }): ReactNode {
  useTheme();
  const bodyHeight = Math.max(0, height - 1);
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      <SegmentLine segments={header} width={width} inverse />
      {lines.slice(offset, offset + bodyHeight).map((line, index) => (
        <SegmentLine key={offset + index} segments={line} width={width} />
      ))}
    </Box>
  );
}
